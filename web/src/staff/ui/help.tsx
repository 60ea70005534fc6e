/**
 * Contextual help: a small "?" button that shows or hides a short explanation under it (a
 * disclosure: `aria-expanded`, `aria-controls`; the text stays in the page, hidden until asked
 * for, so it costs nothing to people who know the form). Form fields get it through their `help`
 * prop (ui/form.tsx); a section uses <Help> directly.
 *
 *   <TextField form={form} name="text" label="Rencana hasil kerja" help={h('rhk.text')} />
 *   <Help id="realisasi-help" topic="Realisasi">…</Help>
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useStaffMessages } from '../messages';

/** The button; `topic` names what it explains ("Bantuan: Rencana hasil kerja"). */
export function HelpToggle(props: { open: boolean; onToggle: () => void; controls: string; topic: string }) {
  const { t } = useStaffMessages();
  return (
    <button
      type="button"
      class="help-toggle"
      aria-expanded={props.open ? 'true' : 'false'}
      aria-controls={props.controls}
      aria-label={t('help.toggle', { topic: props.topic })}
      title={t('help.toggle', { topic: props.topic })}
      onClick={props.onToggle}
      data-testid="help-toggle"
    >
      <span aria-hidden="true">?</span>
    </button>
  );
}

/** The explanation itself, hidden until its toggle opens it. */
export function HelpPanel(props: { id: string; open: boolean; children: ComponentChildren }) {
  return (
    <div id={props.id} class="help-text" hidden={!props.open} data-testid="help-text">
      {props.children}
    </div>
  );
}

export function useHelpToggle(): { open: boolean; toggle: () => void } {
  const [open, setOpen] = useState(false);
  return { open, toggle: () => setOpen((was) => !was) };
}

/** A heading-level "?" with its explanation below, for help that is not about one field. */
export function Help(props: { id: string; topic: string; children: ComponentChildren }) {
  const { open, toggle } = useHelpToggle();
  return (
    <div class="help">
      <HelpToggle open={open} onToggle={toggle} controls={props.id} topic={props.topic} />
      <HelpPanel id={props.id} open={open}>
        {props.children}
      </HelpPanel>
    </div>
  );
}

/**
 * A <label> with its "?" beside it and the explanation below, for a plain input outside the form
 * layer (the form layer's fields take a `help` prop instead).
 */
export function LabelWithHelp(props: { for: string; help: string; topic: string; children: ComponentChildren }) {
  const { open, toggle } = useHelpToggle();
  const helpId = `${props.for}-help`;
  return (
    <>
      <div class="field-label-row">
        <label for={props.for}>{props.children}</label>
        <HelpToggle open={open} onToggle={toggle} controls={helpId} topic={props.topic} />
      </div>
      <HelpPanel id={helpId} open={open}>
        <p>{props.help}</p>
      </HelpPanel>
    </>
  );
}
