// Every named source on this machine: which are installed (and their sizes), which are missing and
// what to install; plus loading a source by name through the cache. Sizes come from the stored
// measurements (`CorpusMeasurementCache`) while a source is unchanged.

/// One row of the catalog.
public struct CatalogEntry: Sendable {
    /// Facts about the source.
    public var info: SourceInfo
    /// The first required package that is not installed; nil when the source is available.
    public var missingPackage: String?
    /// Documents and bytes, when the source was measured for the listing.
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

    /// The measurements kept beside the cached corpora.
    public var measurements: CorpusMeasurementCache {
        CorpusMeasurementCache(directory: cache.directory)
    }

    /// The corpus named `name` (e.g. `fortunes:de`), through the cache. Throws
    /// `CorpusError.unknownSource` (with a suggestion) or `CorpusError.notInstalled`.
    public func load(_ name: String) throws -> Corpus {
        try cache.load(SourceDescriptor(parsing: name).makeSource())
    }

    /// Every named source with its availability; with `measuringSizes`, each available source's
    /// documents and bytes, loaded (through the cache) only when no stored measurement has its
    /// current key.
    public func entries(measuringSizes: Bool) throws -> [CatalogEntry] {
        try entries(of: SourceDescriptor.allNamed.map { $0.makeSource() }, measuringSizes: measuringSizes) {
            CorpusMeasurement(try cache.load($0))
        }
    }

    /// The entries of `sources`. With `measuringSizes`, a source whose `measurementKey()` equals
    /// the stored one takes the stored counts; every other available source is passed to
    /// `measure`, and the stored measurements are rewritten when any was taken (entries of other
    /// sources are kept).
    public func entries(of sources: [any CorpusSource], measuringSizes: Bool,
                        measure: (any CorpusSource) throws -> CorpusMeasurement) throws -> [CatalogEntry] {
        let packages = Array(Set(sources.flatMap(\.info.requiredPackages))).sorted()
        let installed = DebianPackages.installedVersions(packages)
        var stored = measuringSizes ? measurements.entries() : [:]
        var changed = false
        let entries = try sources.map { source in
            let missing = source.info.requiredPackages.first { installed[$0] == nil }
            var entry = CatalogEntry(info: source.info, missingPackage: missing)
            guard missing == nil, measuringSizes else { return entry }
            let name = source.info.name
            let key = try source.measurementKey()
            let measurement: CorpusMeasurement
            if let known = stored[name], known.key == key {
                measurement = known.measurement
            } else {
                measurement = try measure(source)
                stored[name] = CorpusMeasurementCache.Entry(key: key, measurement: measurement)
                changed = true
            }
            entry.documentCount = measurement.documentCount
            entry.byteCount = measurement.byteCount
            return entry
        }
        if changed { try measurements.store(stored) }
        return entries
    }
}
