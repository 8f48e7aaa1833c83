// The CSV table: reading values, errors that name the file, line and column, and writing that
// reads back as the same table.
import CSV
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

@Test func writtenTableReadsBackAsTheSameCells() throws {
    let written = CSVTable(header: ["run", "loss"], rows: [["r1", "1.5"], ["r2, \"best\"", "1.2"]])
    #expect(written.text == "run,loss\nr1,1.5\n\"r2, \"\"best\"\"\",1.2\n")
    let read = try CSVTable(text: written.text, source: "data.csv")
    #expect(read == written)
}
