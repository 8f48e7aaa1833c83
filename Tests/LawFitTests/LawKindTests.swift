// The CSV reader and the table-to-fit step: values, and errors that name the file, line and column.
import Foundation
import LawFit
import Testing

@Test func csvReadsQuotedFieldsCRLFAndBlankLines() throws {
    let table = try CSVTable(text: "name,params,loss\r\n\"run, one\",1e6,3.5\r\n\r\n\"say \"\"hi\"\"\",2e6 , 3.1\r\n",
                             source: "runs.csv")
    #expect(table.header == ["name", "params", "loss"])
    #expect(table.rows[0][0] == "run, one" && table.rows[1][0] == "say \"hi\"")
    #expect(try table.numbers(inColumn: "params", positive: true) == [1e6, 2e6])
    #expect(table.lineNumbers == [2, 4])
}

@Test func csvErrorsNameFileLineAndColumn() throws {
    let table = try CSVTable(text: "params,loss\n1e6,3.5\n\n2e6,abc\n3e6,-1\n", source: "runs.csv")
    #expect(throws: CSVError.nonNumeric(path: "runs.csv", line: 4, column: "loss", text: "abc")) {
        try table.numbers(inColumn: "loss", positive: true)
    }
    #expect(throws: CSVError.missingColumn(path: "runs.csv", column: "tokens", available: ["params", "loss"])) {
        try table.numbers(inColumn: "tokens", positive: true)
    }
    let negative = try CSVTable(text: "params,loss\n1e6,3.5\n3e6,-1\n", source: "runs.csv")
    #expect(throws: CSVError.nonPositive(path: "runs.csv", line: 3, column: "loss", value: -1)) {
        try negative.numbers(inColumn: "loss", positive: true)
    }
    #expect(try negative.numbers(inColumn: "loss", positive: false) == [3.5, -1])
    #expect(throws: CSVError.nonNumeric(path: "runs.csv", line: 2, column: "loss", text: "nan")) {
        try CSVTable(text: "loss\nnan\n", source: "runs.csv").numbers(inColumn: "loss", positive: false)
    }
    #expect(CSVError.nonNumeric(path: "runs.csv", line: 4, column: "loss", text: "abc").description
        == "runs.csv, line 4, column \"loss\": \"abc\" is not a finite number.")
}

@Test func csvStructuralErrors() {
    #expect(throws: CSVError.fileNotFound(path: "/nonexistent/runs.csv")) {
        try CSVTable(contentsOfFile: "/nonexistent/runs.csv")
    }
    #expect(throws: CSVError.noHeader(path: "empty.csv")) { try CSVTable(text: "\n\n", source: "empty.csv") }
    #expect(throws: CSVError.wrongFieldCount(path: "r.csv", line: 3, expected: 2, found: 3)) {
        try CSVTable(text: "a,b\n1,2\n1,2,3\n", source: "r.csv")
    }
    #expect(throws: CSVError.unterminatedQuote(path: "r.csv", line: 2)) {
        try CSVTable(text: "a,b\n\"1,2\n", source: "r.csv")
    }
}

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
