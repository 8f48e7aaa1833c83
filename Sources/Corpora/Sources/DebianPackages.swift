// Which Debian packages are installed, and at which version (dpkg-query), for availability checks
// and cache keys. Each package is looked up once per process.
import Synchronization

/// Queries the dpkg database.
public enum DebianPackages {
    /// Versions already looked up (nil: not installed), so a listing or benchmark that checks many
    /// sources starts one `dpkg-query` instead of dozens.
    private static let known = Mutex<[String: String?]>([:])

    /// Installed versions of `packages`, by package name; packages that are not fully installed
    /// (status other than `ii`) are absent. At most one `dpkg-query` call, for the packages not
    /// looked up before in this process.
    public static func installedVersions(_ packages: [String]) -> [String: String] {
        let unknown = known.withLock { known in packages.filter { known[$0] == nil } }
        if !unknown.isEmpty {
            let found = query(unknown)
            known.withLock { known in
                for package in unknown { known[package] = .some(found[package]) }
            }
        }
        return known.withLock { known in
            var versions: [String: String] = [:]
            for package in packages {
                if let entry = known[package], let version = entry { versions[package] = version }
            }
            return versions
        }
    }

    private static func query(_ packages: [String]) -> [String: String] {
        guard !packages.isEmpty,
              let output = try? ExternalProgram.run(
                  "dpkg-query", ["-W", "-f", "${Package}\t${Version}\t${db:Status-Abbrev}\n"] + packages,
                  acceptingFailure: true)
        else { return [:] }
        var versions: [String: String] = [:]
        for line in String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[2].hasPrefix("ii") else { continue }
            versions[String(fields[0])] = String(fields[1])
        }
        return versions
    }

    /// The first of `packages` that is not installed, or nil when all are.
    public static func firstMissing(_ packages: [String]) -> String? {
        let versions = installedVersions(packages)
        return packages.first { versions[$0] == nil }
    }

    /// A single version string for the set, e.g. `fortunes-de=0.35-1`, used as part of cache keys.
    public static func versionStamp(_ packages: [String]) -> String {
        let versions = installedVersions(packages)
        return packages.map { "\($0)=\(versions[$0] ?? "missing")" }.joined(separator: ",")
    }
}
