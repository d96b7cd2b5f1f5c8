/// The inline stylesheet and script of index.html: the page loads nothing from anywhere.
enum HTMLStyle {
    static let css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
        h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #ddd}
        .verdict{font-weight:600;font-size:1.1em;margin:.3em 0}.verdict.fail{color:#b00020}.verdict.ok{color:#1b7f3b}
        .meta{color:#555;margin:.2em 0}.counts span{display:inline-block;margin:2px 4px 2px 0;padding:1px 8px;border-radius:10px}
        table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
        table.changes td,table.facts td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
        .grid th.cfg{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:12px;white-space:nowrap}
        .grid th.fx{font-weight:normal;font-family:ui-monospace,Menlo,monospace;font-size:12px;white-space:nowrap}
        .grid td{padding:0;width:26px;height:22px;text-align:center}.grid td a{display:block;color:inherit;text-decoration:none;font:600 12px ui-monospace,monospace;line-height:22px}
        .grid td.none{background:#fff}.grid td.reg,.counts .reg,.legend .reg{outline:3px solid #b00020;outline-offset:-3px;background-image:repeating-linear-gradient(45deg,rgba(176,0,32,.28) 0 3px,transparent 3px 7px)}
        .s-pass{background:#c8ebd0}.s-flaky{background:#e6dcf5}.s-fail,.s-crash,.s-timeout{background:#f4b4b4}.s-wrong-code{background:#e48a8a}.s-compile-error,.s-link-error{background:#f7d19c}
        .s-policy{background:#dcc4f2}.s-unsupported{background:#e4e4e4;color:#666}.s-skipped{background:#f0f0f0;color:#888}
        .s-missing{background:#444;color:#fff}.s-expected{background:#fff0a8}
        details{background:#fff;border:1px solid #ddd;border-radius:4px;margin:4px 0;padding:4px 8px}
        details.reg{border-left:5px solid #b00020}summary{cursor:pointer;font-family:ui-monospace,Menlo,monospace;font-size:12px}
        .badge{display:inline-block;padding:0 6px;border-radius:8px;margin-right:6px}
        pre{background:#f3f3f3;padding:6px;overflow:auto;max-height:24em;white-space:pre-wrap;word-break:break-all;font-size:12px;margin:2px 0 8px}
        code.cmd{display:block;font-size:12px;background:#eef3fb;padding:4px 6px;white-space:pre-wrap;word-break:break-all}
        .step{color:#555;font-size:12px;margin-top:6px}tr.reg td{background:#fde8e8}.ev{color:#666}tr.info td{color:#555}
        .legend span{display:inline-block;padding:0 6px;margin-right:4px;border-radius:3px;font-size:12px}
        """

    /// Opens the cell a link or the address names.
    static let script = """
        function openHash(){var d=document.getElementById(location.hash.slice(1));if(d&&d.tagName==='DETAILS'){d.open=true;d.scrollIntoView({block:'start'});}}
        window.addEventListener('hashchange',openHash);openHash();
        """
}
