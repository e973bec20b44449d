/**
 * The built-in price book's API ids: core/pricebook.ts writes each as its model's name (lower case,
 * hyphens for spaces, and in Anthropic's for dots), with the exceptions listed there. These are the
 * ids as the book had them written out in full; a new row adds its id here.
 */
import { DEFAULT_PRICE_BOOK } from "../../src/core";

const IDS: readonly (readonly [string, string])[] = [
  ["Claude Fable 5.2", "claude-fable-5-2"],
  ["Claude Fable 5.1", "claude-fable-5-1"],
  ["Claude Opus 5.5", "claude-opus-5-5"],
  ["Claude Opus 5", "claude-opus-5"],
  ["Claude Opus 4.8", "claude-opus-4-8"],
  ["Claude Opus 4.7", "claude-opus-4-7"],
  ["Claude Opus 4.6", "claude-opus-4-6"],
  ["Claude Opus 4.5", "claude-opus-4-5"],
  ["Claude Opus 4.1", "claude-opus-4-1"],
  ["Claude Opus 4", "claude-opus-4-0"],
  ["Claude Sonnet 5.5", "claude-sonnet-5-5"],
  ["Claude Sonnet 5", "claude-sonnet-5"],
  ["Claude Sonnet 4.6", "claude-sonnet-4-6"],
  ["Claude Sonnet 4.5", "claude-sonnet-4-5"],
  ["Claude Sonnet 4", "claude-sonnet-4-0"],
  ["Claude Haiku 5.5", "claude-haiku-5-5"],
  ["Claude Haiku 5.5, prompts over 100K tokens", "claude-haiku-5-5-over-100k"],
  ["Claude Haiku 4.5", "claude-haiku-4-5"],
  ["Claude Haiku 3.5", "claude-3-5-haiku"],
  ["GPT-6.2 Sol", "gpt-6.2-sol"],
  ["GPT-6.1 Sol", "gpt-6.1-sol"],
  ["GPT-6 Sol", "gpt-6-sol"],
  ["GPT-5.6 Sol", "gpt-5.6-sol"],
  ["Gemini 4 Neon", "gemini-4-neon"],
  ["Gemini 4 Hydrogen", "gemini-4-hydrogen"],
];

test("DEFAULT_PRICE_BOOK's API ids are the ids written out in full", () => {
  expect(DEFAULT_PRICE_BOOK.map((row) => [row.model, row.id])).toStrictEqual(IDS);
});
