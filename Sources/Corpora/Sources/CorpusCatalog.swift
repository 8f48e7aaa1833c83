// Every named source on this machine: which are installed (and their sizes), which are missing and
// what to install; plus loading a source by name through the cache.

/// One row of the catalog.
public struct CatalogEntry: Sendable {
    /// Facts about the source.
    public var info: SourceInfo
    /// The first required package that is not installed; nil when the source is available.
    public var missingPackage: String?
    /// Documents and bytes, when the source was loaded for the listing.
    public var documentCount: Int?
    public var byteCount: Int?

    /// Whether the source can be loaded.
    public var isAvailable: Bool { missingPackage == nil }
}

/// Resolves names to sources and lists them.
public struct CorpusCatalog: Sendable {
    /// The cache used by `load` and by sized listings.
    public let cache: CorpusCache

    public init(cache: CorpusCache = CorpusCache()) {
        self.cache = cache
    }

    /// The corpus named `name` (e.g. `fortunes:de`), through the cache. Throws
    /// `CorpusError.unknownSource` (with a suggestion) or `CorpusError.notInstalled`.
    public func load(_ name: String) throws -> Corpus {
        try cache.load(SourceDescriptor(parsing: name).makeSource())
    }

    /// Every named source with its availability; with `measuringSizes`, each available source is
    /// loaded (through the cache) to count documents and bytes.
    public func entries(measuringSizes: Bool) throws -> [CatalogEntry] {
        let sources = SourceDescriptor.allNamed.map { $0.makeSource() }
        let packages = Array(Set(sources.flatMap(\.info.requiredPackages))).sorted()
        let installed = DebianPackages.installedVersions(packages)
        return try sources.map { source in
            let missing = source.info.requiredPackages.first { installed[$0] == nil }
            var entry = CatalogEntry(info: source.info, missingPackage: missing)
            if missing == nil && measuringSizes {
                let corpus = try cache.load(source)
                entry.documentCount = corpus.documentCount
                entry.byteCount = corpus.byteCount
            }
            return entry
        }
    }
}
