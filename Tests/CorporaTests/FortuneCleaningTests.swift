// Proves each fortune cleaning rule on small byte fixtures: % splitting, CRLF, ANSI and IRC codes,
// backspace overstrikes, other control characters, strict UTF-8 and IRC-log noise.
@testable import Corpora
import Testing

private func clean(_ text: String, _ options: FortuneCleaning = FortuneCleaning()) throws -> [String] {
    try FortuneCleaner.entries(of: Array(text.utf8), file: "fixture", options: options)
        .map { String(decoding: $0, as: UTF8.self) }
}

@Test func entriesAreSplitOnLinesHoldingOnlyAPercentSign() throws {
    #expect(try clean("one\n%\ntwo\nlines\n% \n\n%\n100% sure\n%\n") == ["one", "two\nlines", "100% sure"])
}

@Test func crlfAndLoneCarriageReturnsBecomeNewlines() throws {
    #expect(try clean("a\r\nb\r\n%\r\nc\rd\r\n") == ["a\nb", "c\nd"])
}

@Test func ansiColourEscapesAreRemoved() throws {
    #expect(try clean("\u{1B}[32m绿色\u{1B}[m 文字 \u{1B}[35;1mend\u{1B}[0m") == ["绿色 文字 end"])
}

@Test func ircColourAndStyleCodesAreRemoved() throws {
    #expect(try clean("\u{03}8,1kolor\u{03} \u{02}bold\u{02} \u{03}4red\u{0F}") == ["kolor bold red"])
}

@Test func backspaceOverstrikesKeepTheLetterNotTheUnderline() throws {
    #expect(try clean("_\u{08}I_\u{08}s it ___\u{08}\u{08}\u{08}not a\u{08}_ caf'\u{08}e") == ["Is it not a cafe"])
}

@Test func otherControlCharactersAreDroppedButTabsAndNewlinesKept() throws {
    #expect(try clean("bell\u{07}\tx\u{7F}\u{0015}y\u{85}z\nnext") == ["bell\txyz\nnext"])
}

@Test func invalidUTF8IsRejectedWithFileAndOffset() {
    let bytes: [UInt8] = Array("ok ".utf8) + [0xE9] + Array(" caf".utf8)
    #expect(throws: CorpusError.invalidUTF8(file: "legacy.txt", byteOffset: 3)) {
        try FortuneCleaner.entries(of: bytes, file: "legacy.txt", options: FortuneCleaning())
    }
}

@Test func invalidUTF8IsConvertedFromLatin1WhenAsked() throws {
    let bytes: [UInt8] = Array("caf".utf8) + [0xE9]
    let entries = try FortuneCleaner.entries(of: bytes, file: "legacy.txt",
                                             options: FortuneCleaning(nonUTF8Policy: .convertFromLatin1))
    #expect(entries.map { String(decoding: $0, as: UTF8.self) } == ["café"])
}

@Test func ircLogTimestampsAndNickModesAreRemovedForPolish() throws {
    let log = "20:00 <@mroqs> jestem\n[12:34:56] <+ala> ma kota\n7:30, Channel 5 stays"
    #expect(try clean(log, FortuneCleaning(removesIRCLogNoise: true))
        == ["<mroqs> jestem\n<ala> ma kota\n7:30, Channel 5 stays"])
}
