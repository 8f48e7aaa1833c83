// The inline stylesheet of HTML reports: paper-like typography on screen and A4 print rules, using
// only locally installed fonts.

/// CSS embedded in every HTML report.
enum HTMLStyleSheet {
    static let css = """
    :root {
      --ink: #1d1d1f; --muted: #5f6368; --rule: #2b2b2b; --hairline: #d9d9de; --accent: #1f4e79;
      --good: #1b6e3a; --good-tint: #eef6f0; --bad: #a61b1b; --bad-tint: #fbefee;
      --unsure: #7a5c00; --unsure-tint: #fbf6e6; --code-tint: #f5f5f7;
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff;
      font: 17px/1.55 "Charter", "Bitstream Charter", "Cambria", "DejaVu Serif", "Noto Serif", serif; }
    main.report { max-width: 46rem; margin: 0 auto; padding: 3rem 1.5rem 5rem; }
    h1, h2, h3, h4, nav.toc, .abstract-label, figcaption, .figure-files, .verdict-label, table,
    .byline { font-family: "Helvetica Neue", "Arial", "DejaVu Sans", "Noto Sans", sans-serif; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; font-weight: 700; letter-spacing: -.01em; }
    h2 { font-size: 1.3rem; margin: 2.4rem 0 .8rem; border-bottom: 1px solid var(--hairline); padding-bottom: .25rem; }
    h3 { font-size: 1.08rem; margin: 1.8rem 0 .6rem; }
    h2 .number, h3 .number { color: var(--muted); font-weight: 600; margin-right: .35em; }
    .byline { color: var(--muted); font-size: .88rem; margin: 0; }
    .title-block { border-bottom: 2px solid var(--rule); padding-bottom: 1rem; margin-bottom: 1.5rem; }
    p { margin: 0 0 .9rem; text-align: justify; hyphens: auto; }
    a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
    code, pre { font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: .84em; }
    p code, li code { background: var(--code-tint); padding: .05em .3em; border-radius: 3px; }
    .math { white-space: nowrap; }
    math { font-size: 1.05em; white-space: nowrap; }
    ul, ol { margin: 0 0 .9rem; padding-left: 1.6rem; }
    li { margin: .2rem 0; }
    .abstract { margin: 0 0 1.8rem; padding: .9rem 1.1rem; background: #fafafa; border-left: 3px solid var(--hairline); }
    .abstract-label, .toc-label { font-weight: 700; font-size: .8rem; letter-spacing: .08em;
      text-transform: uppercase; color: var(--muted); margin: 0 0 .4rem; }
    .abstract p:last-child { margin-bottom: 0; }
    nav.toc { margin: 0 0 2rem; font-size: .95rem; }
    nav.toc ol { list-style: none; margin: 0; padding-left: 0; }
    nav.toc ol ol { padding-left: 1.6rem; }
    nav.toc li { margin: .15rem 0; }
    nav.toc a { color: var(--ink); text-decoration: none; }
    nav.toc a:hover { text-decoration: underline; }
    nav.toc .number { display: inline-block; min-width: 2.2rem; color: var(--muted); }
    figure { margin: 1.6rem 0; }
    figcaption { font-size: .85rem; line-height: 1.4; color: #333; }
    .caption-label { font-weight: 700; }
    figure.figure figcaption { margin-top: .5rem; }
    .figure-body { margin: 0 auto; }
    .figure-body svg { display: block; width: 100%; height: auto; }
    .figure-files { margin: .3rem 0 0; font-size: .75rem; color: var(--muted); }
    .figure-files a { color: var(--muted); }
    figure.table figcaption, figure.code figcaption { margin-bottom: .45rem; }
    .table-scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-size: .84rem; font-variant-numeric: tabular-nums; }
    table.data { width: auto; min-width: 60%; border-top: 1.5px solid var(--rule); border-bottom: 1.5px solid var(--rule); }
    table.data thead th { border-bottom: 1px solid var(--rule); font-weight: 600; }
    table.data th, table.data td { padding: .28rem .75rem; vertical-align: top; }
    table.data th:first-child, table.data td:first-child { padding-left: .2rem; }
    table.data tbody tr:nth-child(5n) td { border-bottom: 1px solid #ececf0; }
    .left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
    table.provenance { width: 100%; margin: .5rem 0 1rem; }
    table.provenance th { text-align: left; font-weight: 600; color: var(--muted); padding: .25rem 1rem .25rem 0;
      white-space: nowrap; vertical-align: top; width: 11rem; }
    table.provenance td { padding: .25rem 0; border-bottom: 1px solid #f0f0f2; overflow-wrap: anywhere; }
    .verdict { margin: 1.4rem 0; padding: .85rem 1.1rem; border: 1px solid; border-left-width: 5px; border-radius: 4px; }
    .verdict.reproduced { border-color: var(--good); background: var(--good-tint); }
    .verdict.not-reproduced { border-color: var(--bad); background: var(--bad-tint); }
    .verdict.inconclusive { border-color: var(--unsure); background: var(--unsure-tint); }
    .verdict-label { margin: 0 0 .3rem; font-size: .8rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
    .reproduced .verdict-label { color: var(--good); }
    .not-reproduced .verdict-label { color: var(--bad); }
    .inconclusive .verdict-label { color: var(--unsure); }
    .verdict .claim { font-weight: 600; margin-bottom: .4rem; text-align: left; }
    .verdict .explanation { margin-bottom: .5rem; }
    table.evidence { width: 100%; margin-top: .3rem; font-size: .8rem; }
    table.evidence th { text-align: left; font-weight: 600; border-bottom: 1px solid rgba(0,0,0,.25); padding: .2rem .6rem .2rem 0; }
    table.evidence td { padding: .2rem .6rem .2rem 0; vertical-align: top; }
    table.evidence td.measured { white-space: nowrap; }
    figure.code pre { margin: 0; padding: .8rem 1rem; background: var(--code-tint); border-radius: 4px;
      overflow-x: auto; line-height: 1.45; white-space: pre; }
    .language { font-weight: 400; color: var(--muted); font-family: "DejaVu Sans Mono", monospace; font-size: .9em; }
    @media (max-width: 600px) { body { font-size: 16px; } main.report { padding: 1.5rem 1rem 3rem; } p { text-align: left; } }
    @media print {
      @page { size: A4; margin: 20mm 18mm 22mm; }
      body { font-size: 10.5pt; }
      main.report { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      figure.figure, figure.table.short, .verdict, figure.code figcaption, figure.table figcaption { break-inside: avoid; }
      figure.table figcaption { break-after: avoid; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
      .table-scroll { overflow: visible; }
      .figure-files { display: none; }
      figure.code pre { white-space: pre-wrap; overflow: visible; }
      .verdict, .abstract, figure.code pre { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """
}
