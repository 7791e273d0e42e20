// The HTML minutes page: view models built here, templates only loop and print (escaped).
import type { ItemView, MinutesModel } from '../core/minutes.js';
import { chairList } from '../core/state.js';
import { hms, isoInstant, longDate, zoneAbbrev } from '../core/time.js';
import type { ItemKind } from '../core/types.js';
import { itemText, lineLinker, nickColour, pageHead } from './htmltext.js';
import { visibleText } from './ircformat.js';
import { HtmlBuilder, renderRow, rowTemplate, type Html } from './rows.js';
import { renderHtml } from './templates.js';

// The log page and the shared helpers live beside this file; these names are imported from here too.
export { renderHtmlLog } from './loghtml.js';
export { siblingHref, textParts, type TextPart } from './htmltext.js';

const KIND_LABEL: Record<ItemKind, string> = {
  TOPIC: 'Topic', INFO: 'Info', ACTION: 'Action', AGREED: 'Agreed', ACCEPTED: 'Accepted',
  REJECTED: 'Rejected', IDEA: 'Idea', HELP: 'Help', LINK: 'Link', VOTE: 'Vote',
};

function when(time: number, zone: string): { text: string; iso: string } {
  return { text: `${longDate(time, zone)}, ${hms(time, zone)} ${zoneAbbrev(time, zone)}`, iso: isoInstant(time) };
}

function duration(ms: number): string {
  const mins = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const part = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (h === 0) return part(m, 'minute');
  return m === 0 ? part(h, 'hour') : `${part(h, 'hour')} ${part(m, 'minute')}`;
}

/** Each item's row with and without its kind, rendered once though an action is listed up to three times. */
class ItemRows {
  private readonly withKind = new Map<number, Html>();
  private readonly plain = new Map<number, Html>();

  constructor(private readonly lineHref: (line: number) => string) {}

  private one(item: ItemView, kind: boolean): Html {
    const cache = kind ? this.withKind : this.plain;
    let row = cache.get(item.id);
    if (row === undefined) {
      const fields = {
        num: item.ref ?? `#${item.id}`,
        kind: KIND_LABEL[item.kind],
        kindClass: `k-${item.kind.toLowerCase()}`,
        text: itemText(item),
        nick: visibleText(item.nick),
        hms: item.hms,
        iso: isoInstant(item.time),
        href: this.lineHref(item.line),
      };
      row = renderRow(rowTemplate(kind ? 'row-item-kind.html.hbs' : 'row-item.html.hbs'), fields);
      cache.set(item.id, row);
    }
    return row;
  }

  list(items: readonly ItemView[], kind: boolean): HtmlBuilder {
    const all = new HtmlBuilder();
    for (const item of items) all.addHtml(this.one(item, kind));
    return all;
  }
}

/** The summary: a section per topic with its items (items said before the first topic get one too). */
function summary(model: MinutesModel, rows: ItemRows, lineHref: (line: number) => string): HtmlBuilder {
  const out = new HtmlBuilder();
  if (model.groups.length === 0) return out.add(rowTemplate('row-no-summary.html.hbs'), {});
  for (const g of model.groups) {
    const items = new HtmlBuilder();
    if (g.items.length > 0) items.add(rowTemplate('row-item-list.html.hbs'), { items: rows.list(g.items, true) });
    const t = g.topic;
    if (t === undefined) {
      out.add(rowTemplate('row-untitled.html.hbs'), { items });
    } else {
      out.add(rowTemplate('row-topic.html.hbs'), {
        anchor: `i-${t.id}`,
        text: itemText(t),
        nick: visibleText(t.nick),
        hms: t.hms,
        iso: isoInstant(t.time),
        href: lineHref(t.line),
        items,
      });
    }
  }
  return out;
}

/**
 * What a published site adds to a minutes page (src/web): its stylesheet and a navigation bar drawn by
 * templates/site/html-minutes-nav.hbs. Without it the page is the plain MeetBot-path minutes.
 */
export interface MinutesSiteView {
  readonly cssHref: string;
  readonly iconHref: string;
  readonly nav: object;
}

export function renderHtmlMinutes(model: MinutesModel, site?: MinutesSiteView): string {
  const lineHref = lineLinker(model);
  const rows = new ItemRows(lineHref);
  const topics = new HtmlBuilder();
  for (const g of model.groups) {
    if (g.topic !== undefined) topics.add(rowTemplate('row-toc.html.hbs'), { anchor: `i-${g.topic.id}`, text: visibleText(g.topic.text) });
  }
  const view = {
    ...pageHead(model, 'html'),
    owner: visibleText(model.owner),
    chairs: chairList(model.meeting).map(visibleText).join(', '),
    start: when(model.start, model.zone),
    end: when(model.end, model.zone),
    duration: duration(model.end - model.start),
    zone: zoneAbbrev(model.start, model.zone),
    summary: summary(model, rows, lineHref),
    topics,
    hasTopics: model.groups.some((g) => g.topic !== undefined),
    actions: rows.list(model.actions, false),
    hasActions: model.actions.length > 0,
    byPerson: model.byPerson.map((p) => ({ nick: visibleText(p.nick), colour: nickColour(p.nick), actions: rows.list(p.actions, false) })),
    hasByPerson: model.byPerson.length > 0,
    unassigned: rows.list(model.unassigned, false),
    hasUnassigned: model.byPerson.length > 0 && model.unassigned.length > 0,
    closed: model.closed.map((c) => ({
      ref: c.ref,
      text: visibleText(c.text),
      by: visibleText(c.by),
      note: visibleText(c.note),
      hms: c.hms,
      iso: isoInstant(c.time),
      href: lineHref(c.line),
      earlier: c.earlier,
    })),
    hasClosed: model.closed.length > 0,
    people: model.people.map((p) => ({
      nick: visibleText(p.nick),
      lines: p.count === 1 ? '1 line' : `${p.count} lines`,
      colour: nickColour(p.nick),
    })),
    site: site ?? false,
  };
  return renderHtml('minutes.html.hbs', view);
}

