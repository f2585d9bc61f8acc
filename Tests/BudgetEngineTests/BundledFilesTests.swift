import Foundation
import Testing

@testable import BudgetEngine

@Suite("Bundled files")
struct BundledFilesTests {
    @Test(
        "the binary carries exactly the plans, layouts and examples of the repository (run .ci/embed after editing them)"
    )
    func identical() throws {
        var onDisk: [String] = []
        for folder in ["Templates/plans", "Templates/layouts", "Examples/submissions"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: Repo.path(folder))
            where !name.hasPrefix(".") {
                onDisk.append(folder + "/" + name)
            }
        }
        #expect(Bundled.paths == onDisk.sorted())
        for path in onDisk {
            let disk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repo.path(path))))
            #expect(Bundled.file(path) == disk, "\(path) differs from its compiled-in copy; run .ci/embed")
        }
    }

    @Test("the compiled-in layouts parse and the engine gives every name they use")
    func layoutsParse() throws {
        let layouts = try Layouts.load(from: nil, fileSystem: LocalFileSystem())
        #expect(layouts.memo.referencedNames.contains("bang_chu"))
        #expect(layouts.intakeReport.referencedNames.contains("bien_nhan"))
    }
}
