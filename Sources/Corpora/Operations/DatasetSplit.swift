// Deterministic document-level train / validation / test splits decided by each document's content
// hash alone, so a document's split never depends on which other documents are loaded or on budgets.
import Digests

/// The three splits.
public enum DatasetSplit: String, Sendable, Hashable, Codable, CaseIterable {
    case train, validation, test
}

/// Fractions of documents (by count, in expectation) per split.
public struct SplitFractions: Sendable, Hashable, Codable {
    public var validation: Double
    public var test: Double
    /// Mixed into the content hash so different studies can draw independent splits.
    public var salt: UInt64

    /// 90 % train, 5 % validation, 5 % test.
    public static let standard = SplitFractions(validation: 0.05, test: 0.05)

    public init(validation: Double, test: Double, salt: UInt64 = 0) {
        self.validation = validation
        self.test = test
        self.salt = salt
    }

    /// Fraction left for training.
    public var train: Double { 1 - validation - test }

    /// Throws when a fraction is negative or they sum above 1.
    public func validate() throws {
        guard validation >= 0, test >= 0, validation + test < 1 else {
            throw CorpusError.invalidParameter(name: "split fractions",
                                               reason: "validation \(validation) and test \(test) must be ≥ 0 and sum below 1")
        }
    }

    /// The split of `document`: its content hash (salted) mapped to [0, 1); [0, test) is test,
    /// [test, test + validation) validation, the rest train.
    public func split(of document: Document) -> DatasetSplit {
        let position = FNV1a64.unitInterval(document.contentHash ^ FNV1a64.mix(salt))
        if position < test { return .test }
        if position < test + validation { return .validation }
        return .train
    }
}

/// A corpus's documents divided into splits, each in load order.
public struct SplitCorpus: Sendable {
    public var train: [Document]
    public var validation: [Document]
    public var test: [Document]

    /// Splits `documents` with `fractions`. Identical documents (same bytes) always land together.
    public init(_ documents: [Document], fractions: SplitFractions = .standard) throws {
        try fractions.validate()
        var train: [Document] = []
        var validation: [Document] = []
        var test: [Document] = []
        for document in documents {
            switch fractions.split(of: document) {
            case .train: train.append(document)
            case .validation: validation.append(document)
            case .test: test.append(document)
            }
        }
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// The documents of one split.
    public subscript(split: DatasetSplit) -> [Document] {
        switch split {
        case .train: train
        case .validation: validation
        case .test: test
        }
    }
}
