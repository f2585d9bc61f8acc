import Testing

@testable import BudgetIntake

@Suite("Decoding: UTF-8 transcoding")
struct DecodingUTF8TranscoderTests {
    @Test("UTF-8 is copied unchanged, in chunks of any size, each append ending on a character")
    func copies() {
        let bytes = Array((DecodingCorpus.estimate + " 𠀀😀").utf8)
        for size in [1, 2, 3, 4, 5, 8, 13, bytes.count] {
            var transcoder = Transcoder(.utf8)
            var output: [UInt8] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + size)
                let bad = bytes.withUnsafeBufferPointer {
                    transcoder.transcode(
                        UnsafeBufferPointer(rebasing: $0[start..<end]), isFinal: end == bytes.count,
                        into: &output)
                }
                #expect(bad == nil)
                #expect(
                    String(validating: output, as: UTF8.self) != nil,
                    "chunks of \(size): output ends inside a character")
                start = end
            }
            #expect(output == bytes, "chunks of \(size)")
        }
    }

    @Test("an invalid byte stops the copy there")
    func stops() {
        let bytes = Array("Thành tiền".utf8) + [0xC0, 0x80] + Array("x".utf8)
        let result = DecodingHarness.transcode(bytes, .utf8)
        #expect(result.invalidAt == 13)
        #expect(result.text == "Thành tiền")
        #expect(
            DecodingHarness.transcode(Array("Thành".utf8) + [0xE1, 0xBB], .utf8, chunkSize: 1).invalidAt
                != nil)
    }
}
