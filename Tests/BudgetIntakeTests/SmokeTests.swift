import BudgetCore
import Testing

@testable import BudgetIntake

@Test("the template example reads into two lines")
func smoke() {
    let text = #"""
        DỰ TOÁN KINH PHÍ
        Kế hoạch,kon-tum-2020
        Mã đơn vị,BAOKT
        Đơn vị,Báo Kon Tum

        STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú
        1,IV.5.a,"Phim tài liệu ""90 năm Đảng bộ tỉnh""",phim,2,45.000.000,90.000.000,
        2,IV.5.a,Phóng sự chuyên đề,kỳ,10,6.000.000,60.000.000,
        ,,Tổng cộng,,,,150.000.000,
        ,,Bằng chữ: Một trăm năm mươi triệu đồng,,,,,

        """#
    let result = Fixture.read(text)
    print(result.findings, result.lines, result.report)
    #expect(result.lines.count == 2)
}
