// Loads one language of the Debian fortune databases: finds its files (each real file once, no
// indexes, no pictures, no offensive folder unless asked), then cleans and splits them into entries.
import Foundation

/// A `fortunes:<language>` source.
public struct FortuneSource: CorpusSource {
    /// The language.
    public var language: FortuneLanguage
    /// Also read offensive sub-collections (`es/off`).
    public var includesOffensive: Bool
    /// What to do with files that are not valid UTF-8.
    public var nonUTF8Policy: NonUTF8Policy
    /// Root folder of the databases (a parameter so tests can point at a fixture tree).
    public var root: String

    public init(language: FortuneLanguage, includesOffensive: Bool = false,
                nonUTF8Policy: NonUTF8Policy = .reject, root: String = FortuneLanguage.root) {
        self.language = language
        self.includesOffensive = includesOffensive
        self.nonUTF8Policy = nonUTF8Policy
        self.root = root
    }

    public var info: SourceInfo {
        SourceInfo(name: SourceDescriptor.fortunes(language).name, language: language.languageCode,
                   script: language.script, debianPackage: language.debianPackage,
                   requiredPackages: [language.debianPackage], notes: language.notes)
    }

    public func isAvailable() -> Bool {
        DebianPackages.firstMissing([language.debianPackage]) == nil
    }

    /// The files to read (paths relative to `root`, sorted) and the files left out with reasons.
    public func selectFiles() throws -> (files: [String], skipped: [SkippedFile]) {
        var candidates: [String] = []
        var skipped: [SkippedFile] = []
        if let folder = language.folder {
            candidates += try listing(folder)
            for offensive in language.offensiveFolders {
                if includesOffensive {
                    candidates += try listing(offensive)
                } else {
                    skipped.append(SkippedFile(path: offensive, reason: "offensive collection (not requested)"))
                }
            }
        } else if language == .en {
            candidates = try listing(nil)
        } else {
            candidates = language.topLevelFiles
        }
        let otherLanguagesFiles = Set(FortuneLanguage.allCases.flatMap(\.topLevelFiles))
        let ownFolders = ([language.folder].compactMap { $0 } + (includesOffensive ? language.offensiveFolders : []))
        var seenRealPaths: [String: String] = [:]
        var files: [String] = []
        for relative in candidates.sorted() {
            let path = root + "/" + relative
            let name = (relative as NSString).lastPathComponent
            if name.hasSuffix(".dat") {
                skipped.append(SkippedFile(path: relative, reason: "strfile index"))
                continue
            }
            if name.hasSuffix(".u8") {
                skipped.append(SkippedFile(path: relative, reason: "UTF-8 alias of the text file (a link or empty)"))
                continue
            }
            if language == .en, otherLanguagesFiles.contains(relative) {
                skipped.append(SkippedFile(path: relative, reason: "belongs to another language"))
                continue
            }
            if let reason = language.nonRunningText[relative] {
                skipped.append(SkippedFile(path: relative, reason: reason))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                skipped.append(SkippedFile(path: relative, reason: "dangling symbolic link or missing"))
                continue
            }
            if isDirectory.boolValue {
                skipped.append(SkippedFile(path: relative, reason: "folder (another language or collection)"))
                continue
            }
            let realPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let realRelative = realPath.hasPrefix(root + "/") ? String(realPath.dropFirst(root.count + 1)) : realPath
            let realFolder = (realRelative as NSString).deletingLastPathComponent
            let belongsHere = language.folder == nil ? realFolder.isEmpty : ownFolders.contains(realFolder)
            if !belongsHere {
                skipped.append(SkippedFile(path: "\(relative) → \(realRelative)",
                                           reason: "symbolic link into another language's collection"))
                continue
            }
            if let first = seenRealPaths[realPath] {
                skipped.append(SkippedFile(path: relative, reason: "same file as \(first)"))
                continue
            }
            if (try? FileManager.default.attributesOfItem(atPath: realPath)[.size] as? Int) == 0 {
                skipped.append(SkippedFile(path: relative, reason: "empty file"))
                continue
            }
            seenRealPaths[realPath] = relative
            files.append(relative)
        }
        return (files, skipped)
    }

    public func cacheIdentity() throws -> String? {
        let versions = DebianPackages.installedVersions([language.debianPackage])
        guard let version = versions[language.debianPackage] else {
            throw CorpusError.notInstalled(source: info.name, package: language.debianPackage)
        }
        return "\(info.name)|\(language.debianPackage)=\(version)|cleaning=\(FortuneCleaner.version)"
            + "|offensive=\(includesOffensive)|nonUTF8=\(nonUTF8Policy.rawValue)|root=\(root)"
    }

    /// The cache identity and the stamp of every file `load` reads.
    public func measurementKey() throws -> String {
        let identity = try cacheIdentity() ?? info.name
        return identity + "\n" + MeasurementKey.fileStamps(try selectFiles().files.map { root + "/" + $0 })
    }

    public func load() throws -> Corpus {
        guard let version = DebianPackages.installedVersions([language.debianPackage])[language.debianPackage] else {
            throw CorpusError.notInstalled(source: info.name, package: language.debianPackage)
        }
        return try loadFiles(packageVersion: version)
    }

    /// Loads from `root` without checking the package database (fixture trees in tests).
    public func loadFiles(packageVersion: String? = nil) throws -> Corpus {
        let (files, skipped) = try selectFiles()
        let options = FortuneCleaning(nonUTF8Policy: nonUTF8Policy, removesIRCLogNoise: language == .pl)
        let name = info.name
        var documents: [Document] = []
        for file in files {
            let path = root + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CorpusError.unreadable(path: path, reason: "no such file or permission denied")
            }
            let entries = try FortuneCleaner.entries(of: [UInt8](data), file: path, options: options)
            for (index, entry) in entries.enumerated() {
                documents.append(Document(id: "\(name)/\(file)#\(index)", source: name, bytes: entry,
                                          file: file, entryIndex: index))
            }
        }
        return Corpus(info: info, documents: documents, skippedFiles: skipped, packageVersion: packageVersion)
    }

    /// Entries of `folder` (relative to the root; nil for the root itself), as relative paths.
    private func listing(_ folder: String?) throws -> [String] {
        let path = folder.map { root + "/" + $0 } ?? root
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).map { name in
                folder.map { $0 + "/" + name } ?? name
            }
        } catch {
            throw CorpusError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}
