import Foundation
import Testing

/// The house rules that the compiler does not enforce by itself: what each module imports.
@Suite("Dependencies point one way")
struct ArchitectureTests {
    /// Every module imported by the Swift files under `folder`.
    static func imports(_ folder: String) throws -> Set<String> {
        let root = Binary.root.appendingPathComponent(folder)
        var modules: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                if words.first == "import", words.count >= 2 { modules.insert(String(words[1])) }
                if words.first == "@testable", words.count >= 3 { modules.insert(String(words[2])) }
            }
        }
        return modules
    }

    @Test("the executable sees only the engine, the command line, the portal, the shared vocabulary and Foundation")
    func executable() throws {
        let allowed: Set<String> = [
            "BudgetEngine", "BudgetCommandLine", "BudgetCore", "BudgetPortal", "Foundation", "Glibc", "Darwin",
        ]
        let found = try Self.imports("Sources/budget")
        #expect(found.isSubset(of: allowed), "\(found.subtracting(allowed).sorted())")
    }

    @Test(
        "each library imports only what its place allows",
        arguments: [
            ("Sources/BudgetCore", ["SHAExtensions"]),
            ("Sources/SHAExtensions", ["_Builtin_intrinsics.intel"]),
            ("Sources/BudgetIntake", ["BudgetCore", "CZlib"]),
            ("Sources/BudgetRules", ["BudgetCore"]),
            ("Sources/BudgetStore", ["BudgetCore", "CSQLite"]),
            ("Sources/BudgetFormats", ["CZlib"]),
            ("Sources/BudgetCommandLine", ["BudgetCore"]),
            (
                "Sources/BudgetEngine",
                ["BudgetCore", "BudgetIntake", "BudgetRules", "BudgetStore", "BudgetFormats"]
            ),
            ("Sources/BudgetPortal", ["BudgetEngine", "BudgetCore", "HTTPServer"]),
        ] as [(String, Set<String>)])
    func libraries(folder: String, allowed: Set<String>) throws {
        let system: Set<String> = ["Foundation", "Dispatch", "Glibc", "Musl", "Darwin"]
        let found = try Self.imports(folder).subtracting(system)
        #expect(found.isSubset(of: allowed), "\(folder): \(found.subtracting(allowed).sorted())")
    }
}
