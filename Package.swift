// swift-tools-version:6.0
// TinyScale: reproduce language-model pretraining findings at tiny scale on one CPU machine.
// Targets follow ../shared/DESIGN.md: C shims, the training core, data, fitting, plotting,
// reporting, studies, and the command-line tool.
import Foundation
import PackageDescription

/// TinyGPT's element-wise kernels (GELU, softmax, LayerNorm, AdamW) are compiled for the CPU that
/// builds them, as `-march=native` would: AVX2 or AVX-512 where the machine has them instead of
/// x86-64's SSE2 (benchmarks/RESULTS.md, "second pass on speed"). The binary then runs only on
/// CPUs with the builder's instruction sets; `TINYSCALE_PORTABLE_BUILD=1 swift build` makes one
/// for any x86-64. Other architectures build with the compiler's defaults.
let tinyGPTSettings: [SwiftSetting] = {
    #if arch(x86_64)
    if ProcessInfo.processInfo.environment["TINYSCALE_PORTABLE_BUILD"] != "1" {
        return [.unsafeFlags(["-target-cpu", "native"])]
    }
    #endif
    return []
}()

let package = Package(
    name: "TinyScale",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tinyscale", targets: ["tinyscale"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // GSL, linked against OpenBLAS. Deliberately no pkgConfig: gsl.pc adds -lgslcblas (DEPS.md §1.3).
        .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
        // The CBLAS prototypes (GSL's gsl_cblas.h, standard ABI) resolved by OpenBLAS at link time.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        // OpenSSL's libcrypto, for SHA-256 (file contents and run identity).
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPangoCairo", path: "Sources/CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev"])]),
        // cmark, the CommonMark reference parser, for the Markdown of report prose.
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),

        // Plain -O (as fast as -Ounchecked here, and it keeps preconditions) for the build machine's CPU.
        // The project's two hashes: FNV-1a (splits, orders, file checksums) and SHA-256 (identities).
        .target(name: "Digests", dependencies: ["CCrypto"]),
        .target(name: "TinyGPT", dependencies: ["CBLAS", "Digests"], swiftSettings: tinyGPTSettings),
        .target(name: "Corpora", dependencies: ["Digests"]),
        // CSV tables: read for fit inputs, written as a report's data.csv.
        .target(name: "CSV"),
        .target(name: "LawFit", dependencies: ["CGSL", "CSV"]),
        .target(name: "Plotting", dependencies: ["CCairo", "CPangoCairo", "Digests"]),
        .target(name: "Reporting", dependencies: ["Plotting", "CSV", "CCairo", "CPangoCairo", "CCmark"]),
        // The speed benchmarks behind `tinyscale bench` and `fit --benchmark`, and the synthetic
        // scaling data they fit; compiled like TinyGPT, for the build machine's CPU.
        .target(name: "Benchmarks", dependencies: ["TinyGPT", "LawFit", "CBLAS"], swiftSettings: tinyGPTSettings),
        .target(name: "Studies", dependencies: [
            "CSV", "Digests", "TinyGPT", "Corpora", "LawFit", "Plotting", "Reporting",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .executableTarget(name: "tinyscale", dependencies: [
            "Studies", "Benchmarks", "TinyGPT", "Corpora", "CSV", "LawFit", "Reporting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "DigestsTests", dependencies: ["Digests"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "TinyGPTTests", dependencies: ["TinyGPT"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "TinyGPT"]),
        .testTarget(name: "CorporaTests", dependencies: ["Corpora", "Digests"]),
        .testTarget(name: "LawFitTests", dependencies: ["LawFit", "Benchmarks", "CSV", "CGSL", "CBLAS"]),
        // Helpers shared by test targets (running external tools); not part of the product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "CSV", "Plotting", "TestSupport"]),
        .testTarget(name: "StudiesTests", dependencies: [
            "Studies", "Benchmarks", "Digests", "Reporting", "TinyGPT", "Corpora", "LawFit", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "TinyscaleCLITests", dependencies: ["tinyscale", "Corpora"]),
    ]
)
