import assert from "node:assert/strict";
import { test } from "node:test";

import { matchQuote, similarity } from "../src/anchoring/match-quote.js";

test("an exact quote is found where it is", () => {
  const text = "intro. kratom is not addictive. outro.";
  assert.deepEqual(matchQuote(text, "kratom is not addictive."), { start: 7, end: 31, score: 1 });
});

test("prefix and suffix choose among repeats", () => {
  const text = "first part. the claim. middle part. the claim. last part.";
  const second = matchQuote(text, "the claim.", { prefix: "middle part.", suffix: "last part." });
  assert.equal(second?.start, 36);
  const first = matchQuote(text, "the claim.", { prefix: "first part.", suffix: "middle" });
  assert.equal(first?.start, 12);
});

test("context from the server's block layout still picks the right repeat", () => {
  const text = "heading one the claim. body text the claim. footer";
  // The server joined blocks with a newline, folded to a space, and cut its context mid-word.
  const m = matchQuote(text, "the claim.", { prefix: "ng one", suffix: "body tex" });
  assert.equal(m?.start, 12);
});

test("a quote with a few differing characters is found approximately", () => {
  const text = "lorem ipsum. kratom is a safe, natural alternative to opioids [1]. dolor.";
  const quote = "kratom is a safe, natural alternative to opioids.";
  const m = matchQuote(text, quote);
  assert.ok(m);
  assert.equal(text.slice(m.start, m.start + 6), "kratom");
  assert.ok(m.score < 1 && m.score > 0.5);
});

test("an absent quote gives null", () => {
  assert.equal(matchQuote("nothing about it here at all.", "kratom cures hyperpigmentation completely."), null);
  assert.equal(matchQuote("anything", ""), null);
});

test("a large page without the quote returns instead of searching forever", () => {
  const text = "abcdefghij ".repeat(500_000); // 5.5 MB: past the budget for a full approximate search
  assert.equal(matchQuote(text, "kratom is a natural and safe alternative to prescription opioids."), null);
});

test("a large page of near repeats stays bounded and still finds the exact quote", () => {
  const filler = "kratom is safe for most. ".repeat(200_000);
  const text = `${filler}kratom is safe for everyone.`;
  const m = matchQuote(text, "kratom is safe for everyone.");
  assert.equal(m?.start, filler.length);
});

test("similarity is 1 for equal strings and falls with edits", () => {
  assert.equal(similarity("abcd", "abcd"), 1);
  assert.equal(similarity("abcd", "abxd"), 0.75);
  assert.equal(similarity("", "x"), 1);
  assert.equal(similarity("abc", ""), 0);
});

test("similarity is 1 wherever the pattern occurs whole in the text", () => {
  assert.equal(similarity("bc", "abcd"), 1);
  assert.equal(similarity("bd", "abcd"), 0.5);
});

test("of many copies, the first whose context agrees exactly is chosen", () => {
  const copies = ["aaa", "bbb", "ccc", "bbb"].map((tag) => `${tag} pre. the claim. ${tag} post.`);
  const text = copies.join(" ");
  const m = matchQuote(text, "the claim.", { prefix: "bbb pre.", suffix: "bbb post." });
  assert.equal(m?.start, text.indexOf("bbb pre. the claim.") + "bbb pre. ".length);
  assert.equal(m?.score, 1);
});

test("when no copy's context agrees exactly, the closest one wins", () => {
  const text = "alpha one. the claim. omega one. alpha two. the claim. omega two.";
  // The server's context differs from the page by one letter on each side.
  const m = matchQuote(text, "the claim.", { prefix: "alpha twx.", suffix: "omega twx." });
  assert.equal(m?.start, text.lastIndexOf("the claim."));
  assert.ok(m && m.score < 1 && m.score > 0.9);
});
