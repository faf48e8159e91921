// Timed transcripts: play a segment's or a coded passage's clip, and give segments to
// speakers from the keyboard (I, P, S; arrow keys move between segments).
(function () {
  "use strict";

  function player() {
    return document.getElementById("player");
  }

  function play(button) {
    const audio = player();
    if (!audio) return;
    audio.hidden = false;
    audio.src = button.getAttribute("data-clip");
    const started = audio.play();
    if (started && started.catch) started.catch(function () {});
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-clip]");
    if (!button) return;
    event.preventDefault();
    play(button);
  });

  document.addEventListener("keydown", function (event) {
    if (!(event.altKey && event.code === "KeyP")) return;
    const segment = event.target.closest && event.target.closest("[data-segment]");
    const button = segment && segment.querySelector("[data-clip]");
    if (!button) return;
    event.preventDefault();
    play(button);
  });

  function focusSegment(segment) {
    if (!segment) return;
    const radio =
      segment.querySelector("input[type=radio]:checked") ||
      segment.querySelector("input[type=radio]");
    if (radio) radio.focus();
  }

  function neighbour(segment, step) {
    const all = Array.from(document.querySelectorAll("#speaker-list [data-segment]"));
    return all[all.indexOf(segment) + step];
  }

  function confirmChoice(segment) {
    const guess = segment.querySelector("[data-guess]");
    if (guess) guess.textContent = "Your choice";
  }

  document.addEventListener("change", function (event) {
    const segment = event.target.closest && event.target.closest("#speaker-list [data-segment]");
    if (segment) confirmChoice(segment);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const segment = event.target.closest && event.target.closest("#speaker-list [data-segment]");
    if (!segment) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusSegment(neighbour(segment, event.key === "ArrowDown" ? 1 : -1));
      return;
    }
    const choice = segment.querySelector('input[data-key="' + event.key.toLowerCase() + '"]');
    if (!choice) return;
    event.preventDefault();
    choice.checked = true;
    confirmChoice(segment);
    focusSegment(neighbour(segment, 1) || segment);
  });
})();
