// A `file:<path>` source: any UTF-8 text file, or every file in a folder (recursively, sorted by
// path), split into documents at blank lines or at lines equal to a separator. A one-file source
// reports the SHA-256 of the bytes it read, which is how study runs identify it (studies refuse
// folders: see `FileSource.problem(withPath:)`).
import Digests
import Foundation

/// How a file is cut into documents.
public enum DocumentBoundary: Sendable, Hashable {
    /// One or more blank lines end a document.
    case blankLine
    /// A line equal to this text (trailing spaces ignored) ends a document, e.g. `%`.
    case separatorLine(String)
}

/// A `file:<path>` source.
public struct FileSource: CorpusSource {
    /// A file or a folder.
    public var path: String
    /// Where documents end.
    public var boundary: DocumentBoundary
    /// What to do with files that are not valid UTF-8.
    public var nonUTF8Policy: NonUTF8Policy
    /// Language code to report (unknown by default).
    public var language: String
    /// Script to report.
    public var script: Script

    public init(path: String, boundary: DocumentBoundary = .blankLine, nonUTF8Policy: NonUTF8Policy = .reject,
                language: String = "und", script: Script = .latin) {
        self.path = path
        self.boundary = boundary
        self.nonUTF8Policy = nonUTF8Policy
        self.language = language
        self.script = script
    }

    public var info: SourceInfo {
        SourceInfo(name: SourceDescriptor.file(path: path).name, language: language, script: script,
                   debianPackage: nil, requiredPackages: [])
    }

    public func isAvailable() -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Not cached: reading the file or generating the text is as fast as reading a cache.
    public func cacheIdentity() throws -> String? { nil }

    /// The options and the stamp of every file `load` reads.
    public func measurementKey() throws -> String {
        var isDirectory: ObjCBool = false
        let files = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? try regularFiles(under: path) : [path]
        return "\(info.name)|\(boundary)|nonUTF8=\(nonUTF8Policy.rawValue)\n" + MeasurementKey.fileStamps(files)
    }

    public func load() throws -> Corpus {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CorpusError.unreadable(path: path, reason: "no such file or folder")
        }
        let files = isDirectory.boolValue ? try regularFiles(under: path) : [path]
        let name = info.name
        var documents: [Document] = []
        var digest: String?
        for file in files {
            let facts = FileFacts(path: file)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CorpusError.unreadable(path: file, reason: "permission denied")
            }
            if !isDirectory.boolValue, let facts {
                // The digest of exactly the bytes these documents come from.
                let hex = SHA256.hex(of: data)
                FileDigest.remember(hex, path: file, facts: facts)
                digest = hex
            }
            var bytes = [UInt8](data)
            if let offset = UTF8Validation.firstInvalidOffset(bytes) {
                guard nonUTF8Policy == .convertFromLatin1 else {
                    throw CorpusError.invalidUTF8(file: file, byteOffset: offset)
                }
                bytes = UTF8Validation.convertFromLatin1(bytes)
            }
            let relative = file == path ? (file as NSString).lastPathComponent : String(file.dropFirst(path.count + 1))
            for (index, entry) in FileSource.split(ControlCharacterFilter.clean(bytes), at: boundary).enumerated() {
                documents.append(Document(id: "\(name)/\(relative)#\(index)", source: name, bytes: entry,
                                          file: relative, entryIndex: index))
            }
        }
        return Corpus(info: info, documents: documents, contentDigest: digest)
    }

    /// Documents of cleaned text `bytes`: lines grouped between boundaries, trailing spaces and
    /// surrounding blank lines trimmed, empty documents dropped.
    static func split(_ bytes: [UInt8], at boundary: DocumentBoundary) -> [[UInt8]] {
        let separator: [UInt8]? = switch boundary {
        case .blankLine: nil
        case let .separatorLine(text): Array(text.utf8)
        }
        var documents: [[UInt8]] = []
        var current: [ArraySlice<UInt8>] = []
        func finish() {
            while let last = current.last, last.isEmpty { current.removeLast() }
            while let first = current.first, first.isEmpty { current.removeFirst() }
            if !current.isEmpty {
                documents.append(Array(current.joined(separator: [0x0A])))
            }
            current.removeAll()
        }
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var end = rawLine.endIndex
            while end > rawLine.startIndex, rawLine[end - 1] == 0x20 || rawLine[end - 1] == 0x09 { end -= 1 }
            let line = rawLine[rawLine.startIndex..<end]
            let isBoundary = separator.map { line.elementsEqual($0) } ?? line.isEmpty
            if isBoundary {
                finish()
            } else {
                current.append(line)
            }
        }
        finish()
        return documents
    }

    private func regularFiles(under folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw CorpusError.unreadable(path: folder, reason: "cannot list the folder")
        }
        var candidates: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = folder + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                candidates.append(full)
            }
        }
        var seenRealPaths = Set<String>()
        return candidates.sorted().filter { file in
            seenRealPaths.insert(URL(fileURLWithPath: file).resolvingSymlinksInPath().path).inserted
        }
    }
}
