/* Mock PJe behaviour: the little AJAX PJe 2.x does, plus its quirks (switched on by the server). */
(function () {
  "use strict";

  // Quirk: a click silently swallowed once (the server marks the element with data-swallow="1").
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-swallow='1']");
    if (el) { el.removeAttribute("data-swallow"); ev.preventDefault(); ev.stopImmediatePropagation(); }
  }, true);

  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }

  function staleList() {
    // Quirk: the previous task's list stays in the DOM until the fresh one arrives.
    var list = document.querySelector("#listaProcessos[aria-busy='true'][data-fresh-url]");
    if (!list) return;
    setTimeout(function () {
      fetch(list.getAttribute("data-fresh-url"), {credentials: "same-origin"})
        .then(function (r) { return r.text(); })
        .then(function (html) { list.outerHTML = html; });
    }, 1200);
  }

  function toast() {
    var t = document.getElementById("toast");
    if (t) setTimeout(function () { t.remove(); }, 4000);
  }

  function transitions() {
    var btn = document.getElementById("btnTransicoesTarefa");
    var menu = document.getElementById("menuTransicoes");
    if (!btn || !menu) return;
    btn.addEventListener("click", function () {
      // Quirk: the menu does not render on the first click.
      if (btn.getAttribute("data-first-click-fails") === "1") { btn.removeAttribute("data-first-click-fails"); return; }
      menu.hidden = !menu.hidden;
      btn.setAttribute("aria-expanded", menu.hidden ? "false" : "true");
    });
    menu.addEventListener("click", function (ev) {
      var a = ev.target.closest("a[data-destino]");
      if (!a) return;
      ev.preventDefault();
      var form = document.getElementById("formTransicao");
      form.querySelector("input[name=destino]").value = a.getAttribute("data-destino");
      form.submit();
    });
  }

  function editorBody() {
    var frame = document.querySelector("iframe[id$='EditorTextArea_ifr']");
    return frame && frame.contentDocument ? frame.contentDocument.body : null;
  }

  function minutar() {
    var tipo = document.querySelector("select[id$='selectMenuTipoDocumento']");
    var modelo = document.querySelector("select[id$='selectModeloDocumento']");
    if (!tipo || !modelo) return;
    var modelos = JSON.parse(modelo.getAttribute("data-modelos") || "[]");
    function fill() {
      var keep = modelo.value;
      modelo.innerHTML = "<option value=''>Selecione</option>";
      modelos.filter(function (m) { return m.tipo === tipo.value; }).forEach(function (m) {
        var o = document.createElement("option"); o.value = m.id; o.textContent = m.nome; modelo.appendChild(o);
      });
      modelo.value = keep;
    }
    tipo.addEventListener("change", fill);
    modelo.addEventListener("change", function () {
      if (!modelo.value) return;
      var url = modelo.getAttribute("data-url") + "&modelo=" + encodeURIComponent(modelo.value);
      fetch(url, {credentials: "same-origin"}).then(function (r) { return r.text(); }).then(function (html) {
        var body = editorBody(); if (body) body.innerHTML = html;
      });
    });
    var form = modelo.form;
    form.addEventListener("submit", function () {
      var body = editorBody();
      if (body) form.querySelector("textarea[name=conteudo]").value = body.innerHTML;
    });
  }

  function movementsTree() {
    var tree = document.querySelector("[role=tree][data-testid=arvore-movimentos]");
    if (!tree) return;
    var table = document.querySelector("#tabelaMovimentosSelecionados tbody");
    var search = document.querySelector("input[data-testid=pesquisa-movimento]");
    if (search) search.addEventListener("input", function () {
      var q = search.value.toLowerCase();
      tree.querySelectorAll("li.folha").forEach(function (li) { li.hidden = q && li.textContent.toLowerCase().indexOf(q) < 0; });
    });
    tree.addEventListener("click", function (ev) {
      var a = ev.target.closest("a[data-codigo]");
      if (!a) return;
      ev.preventDefault();
      var code = a.getAttribute("data-codigo");
      if (table.querySelector("tr[data-codigo='" + code + "']")) return;
      var tr = document.createElement("tr"); tr.setAttribute("data-codigo", code);
      var comps = JSON.parse(a.getAttribute("data-complementos") || "[]");
      var html = "<td>" + code + "<input type='hidden' name='codigo' value='" + code + "'></td><td>" + a.getAttribute("data-nome") + "</td><td>";
      comps.forEach(function (c) {
        var name = "comp_" + code + "_" + c.nome;
        html += "<label>" + c.rotulo + " ";
        if (c.tipo === "tabelado") {
          html += "<select name='" + name + "' data-complemento='" + c.nome + "'><option value=''>Selecione</option>";
          c.opcoes.forEach(function (o) { html += "<option value='" + o[0] + "'>" + o[1] + "</option>"; });
          html += "</select>";
        } else {
          html += "<input type='text' name='" + name + "' data-complemento='" + c.nome + "'>";
        }
        html += "</label> ";
      });
      html += "</td><td><button type='button' class='remover' title='Remover movimento'>Remover</button></td>";
      tr.innerHTML = html;
      tr.querySelector(".remover").addEventListener("click", function () { tr.remove(); });
      table.appendChild(tr);
    });
  }

  function lazyTimeline() {
    var box = document.getElementById("divTimeLine");
    if (!box || !("IntersectionObserver" in window)) return;
    var busy = false;
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        var s = e.target;
        if (!e.isIntersecting || busy || !s.getAttribute("data-next-url")) return;
        busy = true;
        fetch(s.getAttribute("data-next-url"), {credentials: "same-origin"}).then(function (r) { return r.text(); })
          .then(function (html) {
            io.unobserve(s); s.insertAdjacentHTML("beforebegin", html); s.remove(); busy = false;
            var next = document.getElementById("timelineSentinel"); if (next) io.observe(next);
          });
      });
    }, {root: box});
    var first = document.getElementById("timelineSentinel"); if (first) io.observe(first);
  }

  ready(function () { staleList(); toast(); transitions(); minutar(); movementsTree(); lazyTimeline(); });
})();
