/** Unit tree (struktur perangkat daerah / unit kerja) built client-side from a flat list. */
import type { LandingUnit, UnitKind } from '../public/types';

export interface UnitNode {
  unit: LandingUnit;
  children: UnitNode[];
}

/** Display order among siblings: secretariats before divisions, UPTD and kelurahan last. */
const KIND_RANK: Record<UnitKind, number> = {
  INSTANSI: 0,
  SEKRETARIAT: 1,
  PERANGKAT_DAERAH: 2,
  KECAMATAN: 3,
  BIDANG: 4,
  BAGIAN: 4,
  SUBBAGIAN: 5,
  SEKSI: 5,
  UPTD: 6,
  KELURAHAN: 7,
};

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

function compareNodes(a: UnitNode, b: UnitNode): number {
  const rank = (KIND_RANK[a.unit.kind] ?? 9) - (KIND_RANK[b.unit.kind] ?? 9);
  return rank !== 0 ? rank : collator.compare(a.unit.name, b.unit.name);
}

/**
 * Builds the forest. Units whose parent is missing from the list become roots rather than
 * disappearing; a parent cycle (bad data) is broken at the first unit reached.
 */
export function buildUnitTree(units: readonly LandingUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) {
    if (!nodes.has(unit.code)) nodes.set(unit.code, { unit, children: [] });
  }
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parentCode = node.unit.parentCode;
    const parent = parentCode !== null && parentCode !== node.unit.code ? nodes.get(parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Anything not reachable from a root sits on a cycle: detach it and make it a root.
  const reached = new Set<UnitNode>();
  const visit = (node: UnitNode): void => {
    reached.add(node);
    for (const child of node.children) visit(child);
  };
  roots.forEach(visit);
  for (const node of nodes.values()) {
    if (reached.has(node)) continue;
    for (const other of nodes.values()) {
      other.children = other.children.filter((child) => child !== node);
    }
    roots.push(node);
    visit(node);
  }
  const sortDeep = (list: UnitNode[]): void => {
    list.sort(compareNodes);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

/**
 * The nodes to show at the top level: under a single instansi root, its children
 * (perangkat daerah, kecamatan, …); otherwise the roots themselves.
 */
export function topLevelNodes(roots: readonly UnitNode[]): { instansi: LandingUnit | null; nodes: UnitNode[] } {
  const only = roots.length === 1 ? roots[0] : undefined;
  if (only && only.unit.kind === 'INSTANSI') return { instansi: only.unit, nodes: only.children };
  return { instansi: null, nodes: [...roots] };
}

export function countNodes(nodes: readonly UnitNode[]): number {
  let total = 0;
  for (const node of nodes) total += 1 + countNodes(node.children);
  return total;
}

/** Lower case, accents removed, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface FilteredTree {
  nodes: UnitNode[];
  /** Codes of units to show expanded (ancestors of a match). */
  expanded: Set<string>;
  /** Codes of units that match the query themselves. */
  matched: Set<string>;
}

/**
 * Keeps units whose name or code contains every word of the query, with their ancestors
 * (expanded) and their whole subtree (collapsed). An empty query keeps everything.
 */
export function filterUnitTree(nodes: readonly UnitNode[], query: string): FilteredTree {
  const words = normaliseText(query).split(' ').filter((w) => w.length > 0);
  const expanded = new Set<string>();
  const matched = new Set<string>();
  if (words.length === 0) return { nodes: [...nodes], expanded, matched };

  const isMatch = (unit: LandingUnit): boolean => {
    const haystack = `${normaliseText(unit.name)} ${normaliseText(unit.code)}`;
    return words.every((word) => haystack.includes(word));
  };
  const walk = (list: readonly UnitNode[]): UnitNode[] => {
    const kept: UnitNode[] = [];
    for (const node of list) {
      const keptChildren = walk(node.children);
      const selfMatch = isMatch(node.unit);
      if (selfMatch) matched.add(node.unit.code);
      if (keptChildren.length > 0) {
        expanded.add(node.unit.code);
        // A matching unit keeps its other children too, so its structure stays visible.
        kept.push({ unit: node.unit, children: selfMatch ? node.children : keptChildren });
      } else if (selfMatch) {
        kept.push(node);
      }
    }
    return kept;
  };
  return { nodes: walk(nodes), expanded, matched };
}

/** The public page of one unit (its figures in the latest release). */
export function unitHref(code: string): string {
  return `/kinerja/unit/${encodeURIComponent(code)}`;
}
