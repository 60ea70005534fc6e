/** Texts of the chart frame (shared by the public pages and, later, staff screens). */
import { defineMessages } from '../i18n';

const id = {
  showTable: 'Tampilkan tabel data grafik ini',
  csv: 'Unduh data grafik (CSV)',
  withheld: 'tidak diterbitkan',
  legend: 'Keterangan',
};

const en: Record<keyof typeof id, string> = {
  showTable: 'Show the data table of this chart',
  csv: 'Download the chart data (CSV)',
  withheld: 'not published',
  legend: 'Legend',
};

export const useChartMessages = defineMessages(id, en);
