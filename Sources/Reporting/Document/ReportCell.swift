// One notebook cell: the unit a section is made of. Each case is rendered by both renderers.

/// One block of content inside a section.
public enum ReportCell: Sendable {
    /// Prose in Markdown (CommonMark with `$…$` formulas, see `MarkdownParser`).
    case prose(String)
    /// A numbered table.
    case table(ReportTable)
    /// A numbered figure with caption.
    case figure(FigureCell)
    /// Fitted parameters with uncertainties, rendered as a numbered table.
    case fitResults(FitResults)
    /// A claim and whether it reproduced, with the numbers behind the verdict.
    case verdict(Verdict)
    /// Verbatim text such as the resolved YAML spec.
    case code(CodeBlock)
    /// The runs of the study, rendered as a numbered table.
    case runs(RunTable)
}
