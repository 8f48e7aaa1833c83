// The fit table: a parameter at a bound of its domain reads as the bound, never as a number with
// a tiny standard error.

import Testing
import Reporting

@Test func parameterAtItsBoundIsShownAsTheBoundWithoutAStandardError() {
    let fits = FitResults(caption: "Approach 3.", results: [
        FitResult(parameter: "alpha", estimate: 0.8798, standardError: 0.28, interval: (0.4579, 1.529)),
        FitResult(parameter: "E", estimate: 1.114e-83, standardError: 0.17, interval: (0, 0.01931), unit: "bits/byte",
                  atBound: FitResultBound(side: "lower", limit: 0)),
    ])
    let rows = fits.table.rows
    #expect(rows[0] == ["alpha", "0.8798", "0.28", "[0.4579, 1.529]", ""])
    #expect(rows[1] == ["E", "at lower bound 0 (fit 1.11 × 10⁻⁸³)", "–", "[0, 0.01931]", "bits/byte"])
}
