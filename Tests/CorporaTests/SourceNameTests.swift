// Proves source names parse to the right descriptors, sized synthetic names round-trip in their
// shortest form, bad sizes are refused with the grammar, and bad names get the closest suggestion.
import Corpora
import Testing

@Test func everyNamedSourceRoundTripsThroughItsName() throws {
    for descriptor in SourceDescriptor.allNamed {
        #expect(try SourceDescriptor(parsing: descriptor.name) == descriptor)
    }
    #expect(try SourceDescriptor(parsing: "file:/tmp/x.txt") == .file(path: "/tmp/x.txt"))
    #expect(try SourceDescriptor(parsing: "fortunes:pt") == .fortunes(.pt))
}

@Test(arguments: [("fortune:de", "fortunes:de"), ("bible:kvj", "bible:kjv"), ("fortunes:ptt", "fortunes:pt"),
                  ("synthetic:alfa", "synthetic:alpha"), ("synthetic:alfa@2M", "synthetic:alpha@2M"),
                  ("synthetic:alpha-cyrilic", "synthetic:alpha-cyrillic")])
func misspelledNameSuggestsTheClosestValidName(name: String, suggestion: String) {
    #expect(throws: CorpusError.unknownSource(name: name, suggestion: suggestion)) {
        try SourceDescriptor(parsing: name)
    }
}

@Test func unknownSourceMessageNamesTheSuggestionAndTheListCommand() {
    let message = CorpusError.unknownSource(name: "bible:kvj", suggestion: "bible:kjv").description
    #expect(message.contains("bible:kjv"))
    #expect(message.contains("tinyscale corpus list"))
    #expect(CorpusError.notInstalled(source: "fortunes:ga", package: "fortunes-ga").description
        .contains("apt-get install fortunes-ga"))
}

@Test(arguments: [("synthetic:alpha@2M", 2_000_000, "synthetic:alpha@2M"),
                  ("synthetic:alpha@500k", 500_000, "synthetic:alpha@500k"),
                  ("synthetic:alpha@1500000", 1_500_000, "synthetic:alpha@1.5M"),
                  (" synthetic:ALPHA-SOV@1.5m ", 1_500_000, "synthetic:alpha-sov@1.5M"),
                  ("synthetic:alpha-cyrillic@2.25K", 2_250, "synthetic:alpha-cyrillic@2250"),
                  ("synthetic:beta@1_000", 1_000, "synthetic:beta@1k"),
                  ("synthetic:gamma@1234567", 1_234_567, "synthetic:gamma@1234567"),
                  ("synthetic:gamma@1_050_000", 1_050_000, "synthetic:gamma@1.05M"),
                  ("synthetic:gamma@12.345M", 12_345_000, "synthetic:gamma@12.345M"),
                  ("synthetic:delta@100M", 100_000_000, "synthetic:delta@100M")])
func sizedSyntheticNameParsesToItsBytesAndRoundTrips(name: String, bytes: Int, canonical: String) throws {
    let descriptor = try SourceDescriptor(parsing: name)
    guard case let .synthetic(_, byteCount) = descriptor else {
        Issue.record("\(name) parsed as \(descriptor)")
        return
    }
    #expect(byteCount == bytes)
    #expect(descriptor.name == canonical)
    #expect(try SourceDescriptor(parsing: canonical) == descriptor)
    #expect(descriptor.makeSource().info.name == canonical)
}

@Test func plainSyntheticNameHasNoSizeAndAtSignsStayInFilePaths() throws {
    #expect(try SourceDescriptor(parsing: "synthetic:alpha") == .synthetic(.alpha, byteCount: nil))
    #expect(try SourceDescriptor(parsing: "synthetic:alpha") != SourceDescriptor(parsing: "synthetic:alpha@717k"))
    #expect(try SourceDescriptor(parsing: "file:/tmp/mail@home.txt") == .file(path: "/tmp/mail@home.txt"))
    #expect(SourceDescriptor.allNamed.allSatisfy { !$0.name.contains("@") })
}

@Test(arguments: [("synthetic:alpha@", "nothing follows '@'"),
                  ("synthetic:alpha@2G", "'2G' is not a size"),
                  ("synthetic:alpha@-5k", "'-5k' is not a size"),
                  ("synthetic:alpha@2M@3M", "'2M@3M' is not a size"),
                  ("synthetic:alpha@1__0k", "'1__0k' is not a size"),
                  ("synthetic:alpha@.5M", "'.5M' is not a size"),
                  ("synthetic:alpha@1.5", "'1.5' is not a whole number of bytes"),
                  ("synthetic:alpha@999", "'999' is below the smallest size, 1k"),
                  ("synthetic:alpha@0k", "'0k' is below the smallest size, 1k"),
                  ("synthetic:alpha@100000001", "'100000001' is above the largest size, 100M"),
                  ("synthetic:alpha@99999999999999999999M", "is above the largest size, 100M"),
                  ("fortunes:es@2M", "only synthetic languages take a size"),
                  ("bible:kjv@1M", "only synthetic languages take a size")])
func badSizeIsRefusedWithWhatIsAllowed(name: String, problem: String) {
    do {
        let descriptor = try SourceDescriptor(parsing: name)
        Issue.record("\(name) parsed as \(descriptor)")
    } catch let CorpusError.invalidParameter(parameter, reason) {
        #expect(parameter == "size in '\(name)'")
        #expect(reason.contains(problem), "\(reason)")
        if !name.hasPrefix("synthetic:") { return }
        #expect(reason.hasSuffix("write \(SyntheticSize.grammar)"), "\(reason)")
    } catch {
        Issue.record("\(name): unexpected \(error)")
    }
}
