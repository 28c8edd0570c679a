// sourcedrift workbench: selecting marks (click, Tab, j/k), the analysis progress bar, extra article rows.
// Written for this app, no library; every page works without it except the live progress bar.
"use strict";

function selectMark(button, focus) {
  const id = button.dataset.mark;
  document.querySelectorAll("button.mark[aria-pressed]").forEach((b) => b.removeAttribute("aria-pressed"));
  button.setAttribute("aria-pressed", "true");
  const panel = document.getElementById("evidence");
  panel.querySelectorAll(".ev").forEach((ev) => { ev.hidden = ev.id !== "ev-" + id; });
  const none = panel.querySelector(".ev-none");
  if (none) none.hidden = true;
  const shown = document.getElementById("ev-" + id);
  highlightPrimary(shown ? shown.dataset.primary : "");
  panel.dataset.selected = id;
  if (focus) button.focus();
  if (history.replaceState) {
    const url = new URL(window.location.href);
    url.searchParams.set("mark", id);
    url.searchParams.delete("saved");
    history.replaceState(null, "", url.pathname + url.search);
  }
}

function highlightPrimary(spec) {
  const lines = document.querySelectorAll(".primary-lines .ln");
  const spans = (spec || "").split(",").filter(Boolean).map((s) => s.split("-").map(Number));
  let first = null;
  lines.forEach((line) => {
    const a = Number(line.dataset.start), b = Number(line.dataset.end);
    const hit = spans.some(([s, e]) => s < b && a < e);
    line.classList.toggle("hit", hit);
    if (hit && !first) first = line;
  });
  if (first) {
    const pane = first.closest(".primary-lines");
    pane.scrollTop += first.getBoundingClientRect().top - pane.getBoundingClientRect().top - 20;
  }
}

function setUpMarks() {
  const marks = Array.from(document.querySelectorAll("button.mark"));
  if (!marks.length) return;
  marks.forEach((b) => {
    b.addEventListener("click", () => selectMark(b, false));
    b.addEventListener("focus", () => selectMark(b, false));
  });
  // The quoted words themselves select their quotation too (the badge after them is the keyboard's way).
  document.querySelectorAll("[data-of]").forEach((span) => {
    span.addEventListener("click", () => {
      const button = document.getElementById("m-" + span.dataset.of);
      if (button) selectMark(button, true);
    });
  });
  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    const current = marks.findIndex((b) => b.getAttribute("aria-pressed") === "true");
    if (event.key === "j" || event.key === "k") {
      const next = event.key === "j" ? Math.min(marks.length - 1, current + 1) : Math.max(0, current - 1);
      selectMark(marks[next < 0 ? 0 : next], true);
      event.preventDefault();
    } else if (event.key === "e" && current >= 0) {
      const select = document.querySelector("#ev-" + marks[current].dataset.mark + " select");
      if (select) { select.focus(); event.preventDefault(); }
    }
  });
  const wanted = document.getElementById("evidence").dataset.selected;
  const start = wanted && document.getElementById("m-" + wanted);
  if (start) {
    selectMark(start, false);
    start.scrollIntoView({block: "center"});
  }
}

function setUpProgress() {
  const section = document.querySelector(".waiting[data-status]");
  if (!section || section.dataset.state === "failed") return;
  const bar = section.querySelector("progress");
  const poll = () => {
    fetch(section.dataset.status, {cache: "no-store"}).then((r) => r.json()).then((s) => {
      bar.max = s.total; bar.value = s.done;
      bar.textContent = s.done + " of " + s.total;
      section.querySelector(".status-message").textContent = s.message || s.state;
      section.querySelector(".status-count").textContent = s.done + " of " + s.total;
      if (s.state === "done") { window.location.reload(); return; }
      if (s.state === "failed") {
        const box = section.querySelector(".status-failed");
        box.querySelector(".status-error").textContent = s.error;
        box.hidden = false;
        return;
      }
      setTimeout(poll, 400);
    }).catch(() => setTimeout(poll, 1500));
  };
  setTimeout(poll, 200);
}

function setUpArticleRows() {
  const add = document.getElementById("add-article");
  const holder = document.getElementById("articles");
  if (!add || !holder) return;
  add.hidden = false;
  add.addEventListener("click", () => {
    const slots = holder.querySelectorAll(".article-slot");
    const n = slots.length + 1;
    const copy = slots[slots.length - 1].cloneNode(true);
    copy.querySelector("legend").textContent = "Article " + n;
    copy.querySelectorAll("[id]").forEach((el) => {
      const base = el.id.replace(/_\d+$/, "");
      el.id = base + "_" + n; el.name = base + "_" + n; el.value = "";
    });
    copy.querySelectorAll("label[for]").forEach((l) => { l.htmlFor = l.htmlFor.replace(/_\d+$/, "_" + n); });
    holder.appendChild(copy);
    copy.querySelector("input[type=file]").focus();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpMarks();
  setUpProgress();
  setUpArticleRows();
});
