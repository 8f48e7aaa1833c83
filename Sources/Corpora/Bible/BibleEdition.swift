// The three Bibles Debian ships as text: which package, which exporter, which language, and which
// files the exporter reads.
import Foundation

/// A Bible edition. Raw values are the source-name arguments (`bible:kjv`).
public enum BibleEdition: String, Sendable, Hashable, Codable, CaseIterable {
    /// King James Version (1611/1769), English, exported with `bible` from `bible-kjv`.
    case kjv
    /// World English Bible (2015, with deuterocanon), modern English, SWORD module engWEB2015eb.
    case web
    /// Reina-Valera 1909, Spanish, SWORD module spaRV1909eb; KJV versification.
    case sparv

    /// The package holding the text.
    public var debianPackage: String {
        switch self {
        case .kjv: "bible-kjv-text"
        case .web: "sword-text-web"
        case .sparv: "sword-text-sparv"
        }
    }

    /// Every package needed to export the text (text plus exporter).
    public var requiredPackages: [String] {
        switch self {
        case .kjv: ["bible-kjv-text", "bible-kjv"]
        case .web, .sparv: [debianPackage, "diatheke"]
        }
    }

    /// Language code.
    public var languageCode: String { self == .sparv ? "es" : "en" }

    /// SWORD module name, for the diatheke editions.
    var swordModule: String? {
        switch self {
        case .kjv: nil
        case .web: "engWEB2015eb"
        case .sparv: "spaRV1909eb"
        }
    }

    /// The files the exporter reads the text from: `bible`'s data and concordance, or the SWORD
    /// module's configuration and every file of its text folder (sorted).
    func dataFiles() -> [String] {
        guard let module = swordModule else { return ["/usr/lib/bible.data", "/usr/lib/bible.data.conc"] }
        let sword = "/usr/share/sword"
        let folder = "\(sword)/modules/texts/ztext/\(module)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return ["\(sword)/mods.d/\(module).conf"] + names.sorted().map { folder + "/" + $0 }
    }

    var notes: [String] {
        switch self {
        case .kjv: ["Chapters as documents, verse references removed; verse-aligned with bible:sparv."]
        case .web: ["Chapters as documents; repeated psalm headings (also those the module leaks into later books), the appended glossary and module markup are removed; some word boundaries are missing in the module itself (\"Godcreated\"); Bel and the Dragon and Esther (Greek) 16 are empty in the module."]
        case .sparv: ["Chapters as documents; Strong's numbers (<G5547>) removed; KJV versification, verse-aligned with bible:kjv."]
        }
    }
}
