// The `.md` minutes: CommonMark for GitHub, GitLab and wikis, with every character users typed inert.
import { safeHref } from '../core/links.js';
import type { ItemView, MinutesModel } from '../core/minutes.js';
import { longDate } from '../core/time.js';
import { lineLinker, otherFiles } from './htmltext.js';
import { stripFormatting } from '../core/text.js';
import { renderText } from './templates.js';

/**
 * User text made inert in CommonMark: a backslash before every character that can open emphasis, a
 * link, an image, code, a heading, a table cell, an entity or an HTML tag, and before what would make
 * the start of the text a list marker; blanks are collapsed, so no line break or code block appears.
 * Other punctuation is left alone so the raw Markdown stays readable.
 */
export function mdEscape(text: string): string {
  return stripFormatting(text)
    .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\\`*_[\]<>#|~!&]/g, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A link destination inside <…>: CommonMark forbids only `<`, `>`, line breaks there; safe schemes only. */
function mdLink(label: string, url: string | undefined): string {
  const href = url === undefined ? undefined : safeHref(url);
  if (href === undefined || /[<>\s\\]/.test(href)) return label;
  return `[${label}](<${href}>)`;
}

interface MdItem {
  readonly label: string;
  readonly text: string;
  readonly nick: string;
  readonly time: string;
  readonly href: string;
}

function item(lineHref: (line: number) => string, it: ItemView): MdItem {
  // The item's text, with its URL (for links) made a link to itself when its scheme is safe.
  const text = it.kind === 'LINK' && it.url !== undefined ? mdLink(mdEscape(it.text), it.url) : mdEscape(it.text);
  return {
    label: it.label === '' ? '' : `**${mdEscape(it.label.trim())}** `,
    text: it.ref !== undefined ? `${it.ref} ${text}` : text,
    nick: mdEscape(it.nick),
    time: it.hms,
    href: lineHref(it.line),
  };
}

export function markdownView(model: MinutesModel, note?: string): object {
  const m = model.meeting;
  const lineHref = lineLinker(model);
  return {
    title: mdEscape(model.title),
    owner: mdEscape(model.owner),
    date: mdEscape(longDate(model.start, model.zone)),
    start: `${model.startHms} ${model.startZone}`,
    end: `${model.endHms} ${model.endZone}`,
    note: note === undefined ? undefined : mdEscape(note),
    files: otherFiles(model, 'md').map((f) => ({ label: mdEscape(f.label), href: f.href })),
    groups: model.groups.map((g) => ({ topic: g.topic === undefined ? undefined : item(lineHref, g.topic), items: g.items.map((i) => item(lineHref, i)) })),
    actions: model.actions.map((a) => item(lineHref, a)),
    byPerson: model.byPerson.map((p) => ({ nick: mdEscape(p.nick), actions: p.actions.map((a) => item(lineHref, a)) })),
    unassigned: model.unassigned.map((a) => item(lineHref, a)),
    people: model.people.map((p) => ({ nick: mdEscape(p.nick), count: p.count })),
    closed: model.closed.map((c) => ({
      ref: c.ref,
      text: mdEscape(c.text),
      by: mdEscape(c.by),
      note: c.note === '' ? undefined : mdEscape(c.note),
      earlier: c.earlier,
      time: c.hms,
      href: lineHref(c.line),
    })),
    generatedBy: mdLink(mdEscape(`${m.config.texts.botName} ${m.config.texts.version}`), m.config.texts.infoUrl),
  };
}

export function renderMarkdownMinutes(model: MinutesModel, note?: string): string {
  return renderText('minutes.md.hbs', markdownView(model, note));
}
