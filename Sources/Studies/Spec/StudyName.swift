// The rule for study names: they name the archive folder `output/<name>/`, so they must be safe
// and unambiguous as folder names and on a command line.

/// What a study name must be: it names the folder `output/<name>/` and is typed on the command line.
enum StudyName {
    /// Longest name accepted (folder names are limited to 255 bytes; reports add a stamp below it).
    static let maximumLength = 100
    /// Names of the archive's own folders, which a study folder beside them must not take.
    static let reserved: Set<String> = ["checkpoints"]

    /// Nil when `name` is usable, otherwise what is wrong and what is allowed.
    static func problem(with name: String) -> String? {
        let rule = "a study name is 1 to \(maximumLength) ASCII letters, digits, '-' and '_', starting with a letter or digit (it names a folder)"
        guard let first = name.unicodeScalars.first else { return "it is empty; " + rule }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        if !allowed || !(first.isASCII && first != "-" && first != "_") { return rule }
        if name.unicodeScalars.count > maximumLength { return "it has \(name.unicodeScalars.count) characters; " + rule }
        if reserved.contains(name.lowercased()) { return "output/\(name)/ holds the archive's own files; choose another name" }
        return nil
    }

    /// `name` with control and other invisible characters escaped, safe to print in a message.
    static func visible(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar in
            (scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7f) || scalar.properties.isAlphabetic
                ? String(scalar) : scalar.escaped(asASCII: true)
        }.joined())
    }
}
