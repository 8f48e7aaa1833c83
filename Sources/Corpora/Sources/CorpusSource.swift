// The protocol every source implements, and the resolution of a name to a source.

/// Something that can produce a `Corpus`: a Debian package, a file, a generator.
public protocol CorpusSource: Sendable {
    /// Facts about the source, available without loading it.
    var info: SourceInfo { get }
    /// Whether the source can be loaded on this machine (packages installed, file present).
    func isAvailable() -> Bool
    /// Loads and cleans every document. Throws `CorpusError.notInstalled` when not available.
    func load() throws -> Corpus
    /// What the loaded documents depend on (source name, options, installed package versions,
    /// cleaning-rule version), or nil when loading is cheap and needs no cache. Throws
    /// `CorpusError.notInstalled` when a package is missing.
    func cacheIdentity() throws -> String?
    /// What the source's document and byte counts depend on, found without reading its text (the
    /// cache identity plus the paths, sizes and modification times of the files it reads, or the
    /// generator version), so the catalog can reuse a stored measurement while it is unchanged.
    /// Throws `CorpusError.notInstalled` when a package is missing.
    func measurementKey() throws -> String
}

extension SourceDescriptor {
    /// The source this descriptor names, with default options (and its size, for a sized synthetic language).
    public func makeSource() -> any CorpusSource {
        switch self {
        case let .fortunes(language): FortuneSource(language: language)
        case let .bible(edition): BibleSource(edition: edition)
        case let .file(path): FileSource(path: path)
        case let .synthetic(preset, byteCount?): SyntheticSource(preset: preset, byteCount: byteCount)
        case let .synthetic(preset, nil): SyntheticSource(preset: preset)
        }
    }
}
