/**
 * What kind of document this is, and why. Rules first where the document says it outright: a
 * heading that names it ("2. Mahnung", "Gutschrift", "Terminbestätigung", "Steuerbescheid"), then
 * weighted cue words; a naive Bayes over stemmed words, trained from a hand-written seed, breaks
 * ties and decides when no rule speaks. A user's corrections (a delta over the seed, weighing more
 * than its examples) win over everything when the document closely resembles one they corrected.
 * German first, English second.
 *
 * Confidence: a heading 0.9-0.95; cue words as sure as their lead over the runner-up (at most 0.95,
 * less when the Bayes disagrees); the Bayes alone at most 0.8. Only 0.9 and above skips the user's
 * type hint, so those must be rarely wrong.
 */
import type { ClassifierModel, Scored } from '../classify/bayes.models.ts';
import { mergeModels, posterior, strongestFeatures } from '../classify/bayes.models.ts';
import type { CueScores } from '../classify/cues.models.ts';
import { scoreCues } from '../classify/cues.models.ts';
import type { Heading } from '../classify/headings.models.ts';
import { findHeading } from '../classify/headings.models.ts';
import type { TextDocumentType } from '../classify/labels.models.ts';
import { isTextDocumentType } from '../classify/labels.models.ts';
import { seedModel } from '../classify/seed.models.ts';
import type { Token } from '../classify/tokens.models.ts';
import { distinctStems, layoutTokens, senderFeature } from '../classify/tokens.models.ts';
import { round } from './evidence.models.ts';
import type { Layout } from './layout.models.ts';

export type { TextDocumentType } from '../classify/labels.models.ts';

export interface Classification {
  type: TextDocumentType;
  confidence: number;
  reason: string;
}

export interface ClassifyContext {
  /** The user's corrections as a delta over the seed (plain JSON, stored per user or per sender). */
  userModel?: ClassifierModel;
  /** The sender's name, when known: a feature only the user's corrections give weight. */
  sender?: string;
}

/** A user's corrections decide when the Bayes with them is this sure... */
const LEARNED_SURE = 0.8;
/** ...and this share of the document's words were in the documents they corrected (a similar text). */
const LEARNED_SIMILAR = 0.5;
/** With the sender among those words, less of the text needs to match (a new month's letter). */
const LEARNED_SIMILAR_SENDER = 0.25;
const TILL_KINDS = new Set<string>(['invoice', 'credit_note', 'receipt']);
/** Below this cue score no cue word stood in the heading area and at most one in the body. */
const WEAK_CUES = 4;

export function classify(layout: Layout, context: ClassifyContext = {}): Classification {
  const tokens = layoutTokens(layout, context.sender);
  const features = distinctStems(tokens);
  const seed = seedModel();
  const bySeed = byRules(layout, { model: seed, tokens, features, bayes: posterior(seed, features) });
  if (!context.userModel) return bySeed;
  // The user's corrections decide for a document much like one they corrected, and only there:
  // every corrected document carries the user's own name and address, so letting the delta into
  // every tie-break would tilt all their mail toward whatever they corrected last.
  const model = merged(context.userModel);
  const evidence: Evidence = { model, tokens, features, bayes: posterior(model, features) };
  return learned(context.userModel, bySeed, evidence, context.sender) ?? bySeed;
}

interface Evidence {
  model: ClassifierModel;
  tokens: Token[];
  features: string[];
  bayes: Scored[];
}

function byRules(layout: Layout, evidence: Evidence): Classification {
  const cues = scoreCues(layout);
  const named = findHeading(layout);
  // A till slip's "Tax Invoice" or "Rezept" line is no heading of the slip. And "Receipt" alone
  // does not decide: paid invoices call themselves "Payment receipt" too; a till slip's own cues
  // (cash and change, cashier, time of sale) and its words do.
  const slipHeading = cues.tillSlip && named && ['invoice', 'prescription', 'other'].includes(named.heading.type);
  if (named && !slipHeading && named.heading.type !== 'receipt') return byHeading(named.heading, named.others, cues, evidence);
  return byCues(cues, evidence) ?? byBayes(evidence);
}

function byHeading(heading: Heading, others: Heading[], cues: CueScores, { bayes }: Evidence): Classification {
  const top = bayes[0];
  let confidence = 0.95;
  // Dominance settled a second heading ("Rechnung Nr. 7" quoted in a "2. Mahnung"): rules, but one step more.
  if (others.length > 0) confidence -= 0.04;
  if (top && top.label !== heading.type && top.probability >= 0.8) confidence -= 0.08;
  // "other" headings (a bank statement, a payslip) stand for kinds not modelled yet.
  if (heading.type === 'other') confidence = Math.min(confidence, 0.85);
  let reason = `heading: ${heading.phrase}`;
  if (heading.correction) reason += `; "${heading.phrase}" is a corrected invoice (EN 16931 type 384), not a credit note`;
  else if (heading.type === 'invoice' && cues.correction) reason += `; "${cues.correction}" is a corrected invoice (EN 16931 type 384), not a credit note`;
  const correction = others.find((other) => other.correction);
  if (heading.type === 'credit_note' && correction) reason += `; the correction "${correction.phrase}" calls itself "${heading.phrase}"`;
  return { type: heading.type, confidence: round(confidence), reason };
}

function byCues(cues: CueScores, evidence: Evidence): Classification | undefined {
  const [best, second] = cues.ranked;
  if (!best || best[1] < 2) return undefined;
  let [type] = best;
  let tieBreak = '';
  // Close cue scores: the Bayes, which weighs every word, decides between the two. Not between
  // invoice, credit note and receipt: the rules for those are tuned on real documents (an OCR'd
  // till slip that says "Tax Invoice"), where a bag of words knows less.
  if (second && second[1] >= best[1] * 0.75 && !(TILL_KINDS.has(best[0]) && TILL_KINDS.has(second[0]))) {
    const [first, runnerUp] = [probability(evidence.bayes, best[0]), probability(evidence.bayes, second[0])];
    if (runnerUp > first + 0.1) {
      type = second[0];
      tieBreak = `; Bayes ${runnerUp.toFixed(2)} prefers it over ${best[0]}`;
    }
  }
  const score = type === best[0] ? best[1] : second![1];
  const rival = type === best[0] ? (second?.[1] ?? 0) : best[1];
  const margin = Math.max(0, (score - rival) / score);
  const strength = Math.min(1, score / 6);
  let confidence = Math.min(0.95, Math.max(0.2, (0.45 + 0.5 * margin) * (0.6 + 0.4 * strength)));
  const top = evidence.bayes[0];
  // A single cue word ("Fragen zu Ihrer Rechnung beantworten wir ...") against a Bayes that reads
  // the whole letter as one that asks for nothing: it is about something else. A Bayes that prefers
  // another kind decides only where a cue backs that kind (it knows little of other languages).
  const cueWords = cues.words.get(type) ?? [];
  let doubt = false;
  if ((score < WEAK_CUES || cueWords.length === 1) && top && top.label !== type && top.probability >= 0.6) {
    if (top.label === 'other') return { type: 'other', confidence: 0.5, reason: `words disagree: "${cueWords[0]}" for ${type}, Bayes ${top.probability.toFixed(2)} for other` };
    const backed = cues.ranked.find(([other]) => other === top.label);
    if (backed && score < WEAK_CUES && !(TILL_KINDS.has(type) && TILL_KINDS.has(backed[0]))) {
      type = backed[0];
      tieBreak = `; Bayes ${top.probability.toFixed(2)} prefers it over ${best[0]}`;
    } else doubt = true;
  }
  if (doubt) confidence = Math.min(confidence, 0.6);
  else if (tieBreak) confidence = Math.min(confidence, 0.7);
  else if (top && top.label !== type && top.probability >= 0.6) confidence = Math.min(confidence, 0.8);
  // Close cue scores, but the Bayes is sure of the leader: as sure as a clear lead.
  else if (top?.label === type && top.probability >= 0.9) confidence = Math.max(confidence, 0.8);
  // One word, however placed, is no proof unless the Bayes reads the letter the same way.
  else if (cueWords.length === 1 && !(top?.label === type && top.probability >= 0.8)) confidence = Math.min(confidence, 0.85);
  const deciding = (cues.words.get(type) ?? []).slice(0, 3).map((word) => `"${word}"`);
  let reason = `words: ${deciding.join(', ')}${tieBreak}`;
  if (cues.correction && type === 'invoice') reason += `; "${cues.correction}" is a corrected invoice (EN 16931 type 384), not a credit note`;
  if (cues.correction && type === 'credit_note' && cues.selfCredit) reason += `; the correction calls itself "${cues.selfCredit}"`;
  return { type, confidence: round(confidence), reason };
}

/** No rule spoke: the Bayes decides when it leans clearly, and is never as sure as a rule. */
function byBayes(evidence: Evidence): Classification {
  const [top, second] = evidence.bayes;
  if (!top || evidence.features.length === 0) return { type: 'other', confidence: 0.6, reason: 'no cue words' };
  const label = isTextDocumentType(top.label) ? top.label : 'other';
  if (top.probability < 0.5) return { type: 'other', confidence: 0.5, reason: 'no clear cue words' };
  const words = explain(evidence, label, second?.label);
  return { type: label, confidence: round(Math.min(0.8, top.probability * 0.85)), reason: `${words ? `words: ${words} ` : ''}(Bayes ${top.probability.toFixed(2)})` };
}

/**
 * A user's corrections overrule the rules for a document much like one they corrected: the Bayes
 * with their delta is sure of another kind than the seed's rules give, and the document shares
 * most of its words (or its sender and some words) with their corrected documents of that kind.
 */
function learned(userModel: ClassifierModel, ruled: Classification, evidence: Evidence, sender: string | undefined): Classification | undefined {
  const [top, second] = evidence.bayes;
  if (!top || top.label === ruled.type || top.probability < LEARNED_SURE || !isTextDocumentType(top.label)) return undefined;
  const corrected = userModel.features[top.label];
  if (!corrected || evidence.features.length === 0) return undefined;
  const shared = evidence.features.filter((feature) => (corrected[feature] ?? 0) > 0).length / evidence.features.length;
  const feature = sender === undefined ? undefined : senderFeature(sender);
  const fromSender = feature !== undefined && (corrected[feature] ?? 0) > 0;
  if (shared < (fromSender ? LEARNED_SIMILAR_SENDER : LEARNED_SIMILAR)) return undefined;
  const words = explain(evidence, top.label, second?.label);
  const why = fromSender ? `sender ${sender}` : `words: ${words}`;
  return { type: top.label, confidence: round(Math.min(0.95, top.probability)), reason: `learned from your corrections: ${why} (Bayes ${top.probability.toFixed(2)}; rules said ${ruled.type})` };
}

/** The printed words behind the Bayes's choice of `label` over `other`. */
function explain({ model, tokens, features }: Evidence, label: string, other: string | undefined): string {
  if (!other) return '';
  const words: string[] = [];
  for (const feature of strongestFeatures(model, features, label, other, 6)) {
    const stem = feature.replace(/^\^/, '');
    const token = tokens.find((candidate) => candidate.stem === stem) ?? tokens.find((candidate) => candidate.stem.endsWith(stem));
    if (token && !feature.startsWith('sender:') && !words.includes(token.word)) words.push(token.word);
    if (words.length === 3) break;
  }
  return words.join(', ');
}

function probability(scored: readonly Scored[], label: string): number {
  return scored.find((entry) => entry.label === label)?.probability ?? 0;
}

/** The seed plus one user's delta, built once per delta object. */
const mergedCache = new WeakMap<ClassifierModel, ClassifierModel>();

function merged(userModel: ClassifierModel): ClassifierModel {
  let model = mergedCache.get(userModel);
  if (!model) {
    model = mergeModels(seedModel(), userModel);
    mergedCache.set(userModel, model);
  }
  return model;
}
