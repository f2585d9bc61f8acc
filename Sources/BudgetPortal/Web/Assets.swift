import HTTPServer

/// The portal's style sheet and script, compiled in: no file is served from disk, and the
/// Content-Security-Policy allows only these (`'self'`), never inline code.
enum Assets {
    static var css: HTTPResponse { asset(styleSheet, type: "text/css; charset=utf-8") }
    static var script: HTTPResponse { asset(progressScript, type: "text/javascript; charset=utf-8") }
    /// An empty icon, so that browsers asking for one get a 200 and not a logged 404.
    static var favicon: HTTPResponse { asset("", type: "image/x-icon") }

    static func asset(_ text: String, type: String) -> HTTPResponse {
        HTTPResponse(
            status: .ok, headers: ["Content-Type": type, "Cache-Control": "public, max-age=300"], body: Array(text.utf8)
        )
    }

    static let styleSheet = """
        :root { --ink: #1b1f23; --muted: #59636e; --line: #d0d7de; --accent: #0b5394; --ok: #1a7f37; --bad: #b42318;
          --warn: #9a6700; --paper: #ffffff; --soft: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
          background: var(--soft); }
        header.top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: .75rem 1.5rem;
          background: var(--accent); color: #fff; }
        header.top a { color: #fff; }
        .brand a { font-weight: 600; text-decoration: none; font-size: 1.1rem; }
        .brand small { opacity: .9; }
        nav.session { display: flex; align-items: center; gap: .75rem; flex-wrap: wrap; }
        form.inline { display: inline; margin: 0; }
        button.link { background: none; border: 1px solid #fff; color: #fff; padding: .2rem .6rem; border-radius: 4px; cursor: pointer; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; background: var(--paper); }
        footer { max-width: 72rem; margin: 0 auto; padding: .5rem 1.5rem; color: var(--muted); }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.25rem; margin-top: 1.75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
        .simulated { margin: 0; padding: .4rem 1.5rem; background: #fff8c5; border-bottom: 1px solid #d4a72c; }
        .deadline { margin: 0; padding: .5rem 1.5rem; background: #ddf4ff; border-bottom: 1px solid var(--line); }
        .deadline.closed { background: #ffebe9; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; max-width: 40rem; background: var(--paper); }
        .card label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
        .card label.check { font-weight: normal; }
        .card input[type=text], .card input[type=password], .card input[type=datetime-local], .card select {
          width: 100%; padding: .45rem; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
        .card input[type=password] { font-family: "DejaVu Sans Mono", monospace; letter-spacing: .05em; }
        fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .8rem 0; }
        .buttons { margin-top: .9rem; display: flex; gap: .6rem; }
        button, a.button { font: inherit; padding: .5rem 1.1rem; border-radius: 4px; border: 1px solid var(--accent);
          background: #fff; color: var(--accent); cursor: pointer; text-decoration: none; display: inline-block; }
        button.primary { background: var(--accent); color: #fff; }
        button.danger { border-color: var(--bad); color: var(--bad); }
        .card > button { margin-top: .9rem; }
        progress.progress { width: 100%; margin-top: .6rem; }
        .help { color: var(--muted); font-size: .92rem; }
        .error { color: var(--bad); font-weight: 600; }
        .ok { color: var(--ok); }
        .verdict { padding: .6rem .8rem; border-radius: 4px; font-weight: 600; }
        .verdict.ok { background: #dafbe1; color: var(--ok); }
        .verdict.bad { background: #ffebe9; color: var(--bad); }
        .state { font-size: 1.05rem; }
        table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .95rem; }
        th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: var(--soft); }
        td.num { text-align: right; white-space: nowrap; }
        td.value, .hash, .file { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
        tr.error td:first-child { border-left: 4px solid var(--bad); }
        tr.warning td:first-child { border-left: 4px solid var(--warn); }
        tr.state-missing td { color: var(--muted); }
        tr.state-returned td, tr.state-refused-late td { background: #fff5f5; }
        ul.summary { display: flex; gap: 1.5rem; list-style: none; padding: 0; flex-wrap: wrap; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        .void { padding: .6rem .8rem; background: #ffebe9; border: 1px solid var(--bad); }
        .issuer { font-weight: 600; text-transform: uppercase; }
        @media print {
          @page { size: A4; margin: 15mm; }
          body { background: #fff; font-size: 12pt; }
          header.top, footer, .noprint, nav, form, .simulated + .deadline { display: none !important; }
          .deadline { display: none; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
        }
        """

    /// Upload progress for browsers with script: the form is sent with XMLHttpRequest so
    /// that a progress bar can follow the upload, then the page it leads to is opened.
    /// Without script the form posts as usual. Also makes the print button work.
    static let progressScript = """
        (function () {
          "use strict";
          var print = document.querySelector("button.print");
          if (print) { print.hidden = false; print.addEventListener("click", function () { window.print(); }); }
          if (!window.FormData || !window.XMLHttpRequest) { return; }
          var forms = document.querySelectorAll("form.upload");
          Array.prototype.forEach.call(forms, function (form) {
            var submitter = null;
            Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (button) {
              button.addEventListener("click", function () { submitter = button; });
            });
            form.addEventListener("submit", function (event) {
              var action = (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action");
              var bar = form.querySelector("progress");
              var data = new FormData(form);
              var xhr = new XMLHttpRequest();
              event.preventDefault();
              Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
              if (bar) { bar.hidden = false; }
              xhr.upload.addEventListener("progress", function (e) {
                if (bar && e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
              });
              xhr.addEventListener("load", function () {
                var landed = xhr.responseURL ? new URL(xhr.responseURL, window.location.href) : null;
                if (landed && landed.pathname !== action) { window.location.assign(landed.href); return; }
                document.open(); document.write(xhr.responseText); document.close();
              });
              xhr.addEventListener("error", function () { form.submit(); });
              xhr.open("POST", action);
              xhr.send(data);
            });
          });
        })();

        """
}
