import BudgetCore

/// The demo's story (Examples/README.md, section 3): which example arrives when, with
/// which options, and what `submit` must decide. The demo replays it with a simulated
/// clock; the tests replay it and compare with Examples/expected-totals.json.
public enum DemoStory {
    public struct Step: Sendable {
        /// The example's file name under Examples/submissions/.
        public let file: String
        /// The simulated receipt time (Kon Tum wall clock).
        public let time: String
        public let receivedAt: String?
        public let note: String?
        /// `--accept-late --reason`.
        public let reason: String?
        public let expected: Decision
    }

    /// When the round is opened.
    public static let opened = "2020-03-02T08:00:00"
    /// When the package is made.
    public static let packaged = "2020-03-12T15:00:00"

    public static let steps: [Step] = [
        Step(
            file: "bao-kon-tum.csv", time: "2020-03-05T09:15:00", receivedAt: nil, note: nil, reason: nil,
            expected: .accepted),
        Step(
            file: "so-van-hoa.csv", time: "2020-03-06T14:30:00", receivedAt: nil, note: nil, reason: nil,
            expected: .accepted),
        Step(
            file: "so-thong-tin-loi.csv", time: "2020-03-09T15:20:00", receivedAt: nil, note: nil, reason: nil,
            expected: .returned),
        Step(
            file: "so-thong-tin.csv", time: "2020-03-10T16:45:00", receivedAt: nil, note: nil, reason: nil,
            expected: .accepted),
        Step(
            file: "dai-phat-thanh.txt", time: "2020-03-11T08:30:00", receivedAt: "2020-03-10T17:30:00+07:00",
            note: "Nhận qua thư điện tử lúc 17 giờ 30 ngày 10/3/2020", reason: nil, expected: .accepted),
        Step(
            file: "cong-an-tre-han.csv", time: "2020-03-11T09:00:00", receivedAt: nil, note: nil, reason: nil,
            expected: .refusedLate),
        Step(
            file: "tinh-doan-tre-han.csv", time: "2020-03-12T10:00:00", receivedAt: nil, note: nil,
            reason: "Lãnh đạo UBND tỉnh đồng ý tiếp nhận dự toán bổ sung của Tỉnh đoàn (ý kiến chỉ đạo ngày 12/3/2020)",
            expected: .acceptedLate),
    ]
}
