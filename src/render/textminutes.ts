// The `.txt` minutes, byte for byte in MeetBot's layout: Python textwrap at 72 columns.
import { fillTemplate } from '../core/text.js';
import { fill } from '../core/textwrap.js';
import type { ItemView, MinutesModel } from '../core/minutes.js';
import { renderText } from './templates.js';

const WIDTH = 72;

/** MeetBot's wrapList: the bullet at `indent`, continuation lines two spaces deeper. */
function wrapList(text: string, indent: number): string {
  return fill(text, { width: WIDTH, initialIndent: ' '.repeat(indent), subsequentIndent: ' '.repeat(indent + 2) });
}

/** An item's words: a LINK without a URL keeps MeetBot's trailing blank (it split off a "url" word). */
export function itemText(item: ItemView): string {
  return item.kind === 'LINK' && item.url === undefined ? `${item.label}${item.text} ` : `${item.label}${item.text}`;
}

function summaryLines(model: MinutesModel): string[] {
  const lines: string[] = [];
  let haveTopic = false;
  for (const g of model.groups) {
    if (g.topic !== undefined) {
      if (haveTopic) lines.push('');
      lines.push(wrapList(`* ${g.topic.text}  (${g.topic.nick}, ${g.topic.hms})`, 0));
      haveTopic = true;
    }
    for (const it of g.items) lines.push(wrapList(`* ${itemText(it)}  (${it.nick}, ${it.hms})`, haveTopic ? 2 : 0));
  }
  // MeetBot's heading ended in a newline, so one blank line follows the underline whether or not items do.
  return ['', ...lines];
}

function byPersonLines(model: MinutesModel): string[] {
  if (model.byPerson.length === 0) return [];
  const lines: string[] = [];
  for (const p of model.byPerson) {
    lines.push(`* ${p.nick}`);
    for (const a of p.actions) lines.push(wrapList(`* ${a.text}`, 2));
  }
  if (model.unassigned.length > 0) {
    lines.push('* **UNASSIGNED**');
    for (const a of model.unassigned) lines.push(wrapList(`* ${a.text}`, 2));
  }
  return lines;
}

export function renderTextMinutes(model: MinutesModel, extraNote?: string): string {
  const texts = model.meeting.config.texts;
  const intro = `Meeting started by ${model.owner} at ${model.startHms} ${model.startZone}.  The full logs are available at ${model.url('.log.html')} .`;
  // Each list is one block of lines (the template prints it on a line of its own): a {{#each}} over
  // two thousand lines cost more than making them. Every block has at least one line, as the
  // summary starts with a blank one, the actions and by-person blocks are shown only when not empty,
  // and the person who started the meeting is always present.
  const actions = model.actions.map((a) => wrapList(`* ${a.ref !== undefined ? `${a.ref} ` : ''}${a.text}`, 0));
  const byPerson = byPersonLines(model);
  const view = {
    titleBar: '='.repeat([...model.title].length),
    title: model.title,
    intro: fill(intro, { width: WIDTH }),
    summary: summaryLines(model).join('\n'),
    ended: `Meeting ended at ${model.endHms} ${model.endZone}.${extraNote !== undefined ? `  ${extraNote}` : ''}`,
    hasActions: actions.length > 0,
    actions: actions.join('\n'),
    hasByPerson: byPerson.length > 0,
    byPerson: byPerson.join('\n'),
    people: model.people.map((p) => wrapList(`* ${p.nick} (${p.count})`, 0)).join('\n'),
    hasClosed: model.closed.length > 0,
    closed: model.closed.map((c) => wrapList(`* ${c.ref} ${c.text}  (closed by ${c.by}${c.note === '' ? '' : `: ${c.note}`}, ${c.hms})`, 0)).join('\n'),
    generatedBy: fillTemplate(texts.generatedBy, { botName: texts.botName, infoUrl: texts.infoUrl, version: texts.version }),
  };
  return renderText('minutes.txt.hbs', view);
}
