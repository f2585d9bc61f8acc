// swift-tools-version:6.0
// budget — consolidates agencies' cost estimates for a provincial plan.
// No package dependencies: the standard library, Foundation, Dispatch, Swift Testing,
// and the system's SQLite and zlib through system-library targets.
import PackageDescription

let package = Package(
    name: "budget",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "budget", targets: ["budget"])
    ],
    targets: [
        // Value types shared by every stage: money, plans, findings, time. No I/O (but one read of
        // the processor's flags, for SHA-256).
        .target(name: "BudgetCore", dependencies: ["SHAExtensions"]),
        // SHA-256 with the processor's SHA extensions, used by BudgetCore when present: the
        // one module built with the instructions enabled (Linux on x86-64; elsewhere empty).
        .target(name: "SHAExtensions", swiftSettings: shaExtensionSettings),
        // Bytes → estimate lines: decoding, CSV scanning, header mapping, numbers; XLSX workbooks
        // (its own ZIP and XML readers; deflated parts inflated by the system's zlib).
        .target(name: "BudgetIntake", dependencies: ["BudgetCore", "CZlib"]),
        // Validation against the plan, deadlines, amounts in words.
        .target(name: "BudgetRules", dependencies: ["BudgetCore"]),
        // The system's SQLite.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The round's append-only store (the only module that persists).
        .target(name: "BudgetStore", dependencies: ["BudgetCore", "CSQLite"]),
        // The system's zlib, for deflated ZIP entries (XLSX parts, the package ZIP). Among the
        // Swift toolchain's own Linux prerequisites (zlib1g-dev), so nothing more to install.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Neutral tables and documents → CSV, ZIP, XLSX, HTML, JSON, Markdown.
        .target(name: "BudgetFormats", dependencies: ["CZlib"]),
        // Use cases, one per command; consolidation. The only module that sees all others.
        .target(
            name: "BudgetEngine",
            dependencies: ["BudgetCore", "BudgetIntake", "BudgetRules", "BudgetStore", "BudgetFormats"]
        ),
        // A small generic argument scanner and help formatter (bilingual texts from BudgetCore).
        .target(name: "BudgetCommandLine", dependencies: ["BudgetCore"]),
        // The command: wiring and presentation only. It sees the engine's API, the argument
        // scanner, and the shared vocabulary of BudgetCore — nothing of intake, rules, store
        // or writers (a test keeps it so).
        .executableTarget(
            name: "budget",
            dependencies: ["BudgetEngine", "BudgetCommandLine", "BudgetCore", "BudgetPortal"]
        ),
        // The portal (`budget serve`): routing, sessions, CSRF, the sign-in limiter, pages and
        // the JSON API, over the engine's use cases and the HTTP server; nothing of intake,
        // rules, store or writers (a test keeps it so).
        .target(name: "BudgetPortal", dependencies: ["BudgetEngine", "BudgetCore", "HTTPServer"]),
        // libFuzzer entry point for the reader; built with --sanitize=fuzzer (see README).
        .executableTarget(
            name: "FuzzIntake",
            dependencies: ["BudgetIntake", "BudgetRules", "BudgetCore", "FuzzSupport"],
            exclude: ["README.md", "csv.dict"]
        ),

        // A small, strict HTTP/1.1 server for the portal; knows nothing of budgets (see its .docc).
        .target(name: "HTTPServer"),
        // libFuzzer entry points for the request head parser and the multipart parser (.ci/fuzz-http).
        .executableTarget(name: "FuzzHTTPRequest", dependencies: ["HTTPServer"], exclude: ["http.dict"]),
        .executableTarget(name: "FuzzMultipart", dependencies: ["HTTPServer"], exclude: ["multipart.dict"]),
        // libFuzzer entry point for the workbook reader (XLSX); built with --sanitize=fuzzer (see its
        // README). The harness is a library of its own, so that the tests replay reproducers through
        // it without linking a second LLVMFuzzerTestOneInput.
        .executableTarget(
            name: "FuzzWorkbook",
            dependencies: ["FuzzWorkbookHarness"],
            exclude: ["README.md", "xlsx.dict", "Harness"]
        ),
        .target(
            name: "FuzzWorkbookHarness",
            dependencies: ["BudgetIntake", "BudgetRules", "BudgetCore", "BudgetFormats", "FuzzSupport"],
            path: "Sources/FuzzWorkbook/Harness"
        ),
        // What both fuzz harnesses share: the recording consumer, the one-byte source and the
        // comparison of two reads of one case.
        .target(name: "FuzzSupport", dependencies: ["BudgetIntake", "BudgetRules", "BudgetCore"]),

        // Release-mode benchmark of the reader: generates and reads synthetic submissions.
        .executableTarget(
            name: "budget-bench", dependencies: ["BudgetIntake", "BudgetRules", "BudgetCore"],
            path: "Sources/BudgetBench"),

        // SplitMix, the seeded generator of the test targets' sampled inputs; ZipReader, a
        // strict ZIP reader over the system's zlib, for the workbooks and packages.
        .target(name: "BudgetTestSupport", dependencies: ["CZlib"], path: "Tests/BudgetTestSupport"),
        .testTarget(name: "BudgetCoreTests", dependencies: ["BudgetCore", "SHAExtensions", "BudgetTestSupport"]),
        // FuzzIntake: FuzzRegressionTests replays the fuzz corpus through the fuzz target's harness.
        // FuzzWorkbookHarness replays the workbook fuzz corpus; BudgetFormats (XLSXWriter) and CZlib
        // (deflate, CRC-32) build the workbooks of the workbook tests.
        .testTarget(
            name: "BudgetIntakeTests",
            dependencies: [
                "BudgetIntake", "BudgetCore", "FuzzIntake", "FuzzWorkbookHarness", "BudgetTestSupport", "BudgetFormats",
                "CZlib",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "BudgetRulesTests", dependencies: ["BudgetRules", "BudgetCore", "BudgetTestSupport"]),
        .testTarget(name: "BudgetStoreTests", dependencies: ["BudgetStore", "BudgetCore"]),
        .testTarget(name: "BudgetFormatsTests", dependencies: ["BudgetFormats", "CZlib", "BudgetTestSupport"]),
        .testTarget(name: "BudgetEngineTests", dependencies: ["BudgetEngine", "BudgetCore", "BudgetTestSupport"]),
        .testTarget(name: "BudgetCommandLineTests", dependencies: ["BudgetCommandLine", "BudgetCore"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"], exclude: ["Fixtures"]),
        .testTarget(
            name: "BudgetPortalTests", dependencies: ["BudgetPortal", "BudgetEngine", "BudgetCore", "HTTPServer"]),
        // BudgetCore: the finding catalogue, whose codes each need a reproducer.
        .testTarget(
            name: "EndToEndTests", dependencies: ["budget", "BudgetCore", "BudgetTestSupport"], exclude: ["Reproducers"]
        ),
    ]
)

/// The flags that let `SHAExtensions` use the SHA instructions: Clang's `-msha` (and the
/// SSE4.1 they come with) on a Linux x86-64 host. The manifest is compiled for the host,
/// so `#if arch` tells the machine that builds; other hosts build the portable code only.
var shaExtensionSettings: [SwiftSetting] {
    #if arch(x86_64)
        return [
            .define("BUDGET_SHA_NI", .when(platforms: [.linux])),
            .unsafeFlags(["-Xcc", "-msha", "-Xcc", "-msse4.1", "-Xcc", "-mssse3"], .when(platforms: [.linux])),
        ]
    #else
        return []
    #endif
}
