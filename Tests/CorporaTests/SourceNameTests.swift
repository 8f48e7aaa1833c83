// Proves source names parse to the right descriptors and that bad names get the closest suggestion.
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
                  ("synthetic:alfa", "synthetic:alpha")])
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
