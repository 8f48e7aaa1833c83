// The table-to-fit step: a CSV table's columns become a law's points, with checks on columns and counts.
import Benchmarks
import CSV
import Foundation
import LawFit
import Testing

@Test func lawKindFitsFromATableAndChecksColumnsAndPointCounts() throws {
    let rows = syntheticCurve(count: 8, low: 1e6, high: 1e9) { 1.69 + 406.4 * pow($0, -0.34) }
        .map { "\($0.x),\($0.y)" }
    let table = try CSVTable(text: "params,loss\n" + rows.joined(separator: "\n"), source: "p.csv")
    let report = try LawKind.powerLaw.fit(table: table)
    #expect(report.pointsUsed == 8)
    #expect(relativeError(report.parameters.first { $0.name == "alpha" }?.estimate, 0.34) < 1e-6)
    let renamed = try CSVTable(text: "n,l\n" + rows.joined(separator: "\n"), source: "p.csv")
    #expect(try LawKind.kaplan.fit(table: renamed, columns: ["n", "l"]).pointsUsed == 8)
    #expect(throws: LawFitError.self) { try LawKind.kaplan.fit(table: renamed, columns: ["n"]) }
    let short = try CSVTable(text: "params,loss\n" + rows.prefix(3).joined(separator: "\n"), source: "p.csv")
    #expect(throws: LawFitError.tooFewPoints(law: "power-law", required: 4, available: 3)) {
        try LawKind.powerLaw.fit(table: short)
    }
    #expect(throws: CSVError.missingColumn(path: "p.csv", column: "tokens", available: ["params", "loss"])) {
        try LawKind.chinchilla.fit(table: table)
    }
}

@Test func reportsEncodeAsJSON() throws {
    let points = syntheticCurve(count: 8, low: 1e6, high: 1e9) { 1.69 + 406.4 * pow($0, -0.34) }
    let report = try fitLaw(PowerLawWithOffset(), to: points, bootstrap: BootstrapSettings(resamples: 20, seed: 1))
    let data = try JSONEncoder().encode(report)
    let decoded = try JSONDecoder().decode(LawFitReport.self, from: data)
    #expect(decoded.parameters == report.parameters)
    #expect(decoded.status == report.status)
}

@Test func lawKindReadsATinyScaleDataCSVAndSkipsRowsWithoutAMeasurement() throws {
    // data.csv names (parameters, tokens, final_bpb_validation); a diverged run has empty cells.
    let runs = syntheticScalingObservations(truth: .hoffmann, parameterCount: 4, tokenCount: 3, logNoise: 0, seed: 1)
    var lines = ["study,parameters,tokens,final_bpb_validation,status"]
    lines += runs.map { "s,\($0.parameters),\($0.tokens),\($0.loss),complete" }
    lines.insert("s,1e8,1e10,,diverged", at: 3)
    let table = try CSVTable(text: lines.joined(separator: "\n") + "\n", source: "data.csv")
    #expect(LawKind.chinchilla.columns(for: table, requested: nil) == ["parameters", "tokens", "final_bpb_validation"])
    #expect(LawKind.kaplan.columns(for: table, requested: nil) == ["parameters", "final_bpb_validation"])
    #expect(LawKind.chinchilla.columns(for: table, requested: ["a", "b", "c"]) == ["a", "b", "c"])
    let report = try LawKind.chinchilla.fit(table: table, threadCount: 2)
    #expect(report.pointsUsed == runs.count)
    #expect(report.messages.contains("Skipped 1 row(s) with an empty cell in those columns (line(s) 4)."))
    #expect(relativeError(report.parameters.first { $0.name == "alpha" }?.estimate, 0.34) < 1e-4)
}
