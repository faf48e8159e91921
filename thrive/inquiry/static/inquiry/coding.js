// Coding in the browser: turn a text selection into code-point offsets for the coding forms.
// Every segment of the transcript carries data-o, its start in code points (as the server
// counts them). JavaScript strings count UTF-16 units, so offsets inside a segment are
// converted by counting code points, and an emoji counts as one.
(function () {
  "use strict";

  function codePoints(text) {
    let count = 0;
    for (const _ of text) count++; // the string iterator steps by code point
    return count;
  }

  function region() {
    return document.getElementById("transcript-text");
  }

  function segmentOf(node, root) {
    while (node && node !== root) {
      if (node.nodeType === 1 && node.hasAttribute("data-o")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function nextSegment(node, root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    walker.currentNode = node;
    let next = walker.nextNode();
    while (next && !next.hasAttribute("data-o")) next = walker.nextNode();
    return next;
  }

  // The code-point offset of a DOM boundary point inside the transcript region.
  function offsetOf(node, offset, root) {
    const segment = segmentOf(node, root);
    if (segment) {
      const base = Number(segment.dataset.o);
      if (node.nodeType === 3) return base + codePoints(node.data.slice(0, offset));
      return offset === 0 ? base : base + codePoints(segment.textContent);
    }
    const children = node.childNodes;
    if (offset < children.length) {
      const child = children[offset];
      if (child.nodeType === 1 && child.hasAttribute("data-o")) return Number(child.dataset.o);
      const after = nextSegment(child, root);
      if (after) return Number(after.dataset.o);
    }
    return Number(root.dataset.length);
  }

  function currentSpan() {
    const root = region();
    const selection = window.getSelection();
    if (!root || !selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    const start = offsetOf(range.startContainer, range.startOffset, root);
    const end = offsetOf(range.endContainer, range.endOffset, root);
    if (!(end > start)) return null;
    return { start: start, end: end, text: range.toString() };
  }

  function fill(span) {
    const pairs = [["id_start", "id_end", "id_turn"], ["id_answer-start", "id_answer-end", "id_answer-turn"]];
    for (const [startId, endId, turnId] of pairs) {
      const startField = document.getElementById(startId);
      const endField = document.getElementById(endId);
      const turnField = document.getElementById(turnId);
      if (startField && endField) {
        startField.value = span ? span.start : "";
        endField.value = span ? span.end : "";
      }
      if (turnField && span) turnField.value = "";
    }
    const summary = document.getElementById("selection-summary");
    if (summary) {
      if (span) {
        const words = span.text.trim().split(/\s+/);
        const shown = words.length > 14 ? words.slice(0, 6).join(" ") + " … " + words.slice(-6).join(" ") : span.text.trim();
        summary.textContent = "Selected: “" + shown + "” (characters " + span.start + "–" + span.end + ").";
      } else {
        summary.textContent = "No text selected yet.";
      }
    }
  }

  let remembered = null;
  document.addEventListener("selectionchange", function () {
    const span = currentSpan();
    if (span) {
      remembered = span;
      fill(span);
    }
  });

  // Keyboard selection in the (non-editable) transcript: arrows move a caret, Shift extends.
  document.addEventListener("keydown", function (event) {
    const root = region();
    if (!root || event.target !== root) return;
    const selection = window.getSelection();
    const directions = { ArrowLeft: "backward", ArrowRight: "forward", ArrowUp: "backward", ArrowDown: "forward" };
    if (event.key in directions && selection.modify) {
      if (selection.rangeCount === 0 || !root.contains(selection.anchorNode)) {
        const first = root.querySelector("[data-o]");
        if (!first || !first.firstChild) return;
        selection.collapse(first.firstChild, 0);
      }
      const unit = event.key === "ArrowUp" || event.key === "ArrowDown" ? "line" : (event.ctrlKey || event.altKey ? "word" : "character");
      selection.modify(event.shiftKey ? "extend" : "move", directions[event.key], unit);
      event.preventDefault();
    } else if ((event.key === "c" || event.key === "C") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const first = document.querySelector("#coding-form input[name=codes]");
      if (first) {
        first.focus();
        event.preventDefault();
      }
    }
  });

  // Clicking a turn choice clears the selection so the turn is what gets coded.
  document.addEventListener("change", function (event) {
    if (event.target && (event.target.id === "id_turn" || event.target.id === "id_answer-turn") && event.target.value) {
      for (const id of ["id_start", "id_end", "id_answer-start", "id_answer-end"]) {
        const field = document.getElementById(id);
        if (field) field.value = "";
      }
      const summary = document.getElementById("selection-summary");
      if (summary) summary.textContent = "The chosen speaker turn will be coded.";
    }
  });

  // Forms submitted after the selection was lost (focus moved to the picker) keep the span.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form || (form.id !== "coding-form" && form.id !== "answer-form")) return;
    const prefix = form.id === "answer-form" ? "id_answer-" : "id_";
    const startField = document.getElementById(prefix + "start");
    const turnField = document.getElementById(prefix + "turn");
    if (startField && !startField.value && remembered && !(turnField && turnField.value)) {
      startField.value = remembered.start;
      document.getElementById(prefix + "end").value = remembered.end;
    }
  }, true);

  // After htmx swaps the workbench: errors take focus, otherwise the transcript does.
  document.addEventListener("htmx:afterSwap", function () {
    const error = document.querySelector("#workbench .error-summary");
    if (error) {
      error.focus();
      return;
    }
    remembered = null;
    const root = region();
    if (root) root.focus({ preventScroll: true });
  });

  // Text selected before this script ran (a quick hand, a slow connection) counts too.
  const early = currentSpan();
  if (early) {
    remembered = early;
    fill(early);
  }
})();
