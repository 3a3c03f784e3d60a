import Foundation
import OtklikCore
import OtklikInterchange
import Testing

/// `otklik import services`: code,name,available_online.
@Suite struct ServiceCSVTests {
    @Test func readsTheAttribute() throws {
        let services = try ServiceCSV.parse("code,name,available_online\nSV1,Вклад,true\nSV2,Ипотека,нет\nSV3,Сейф,\n")
        #expect(services == [
            Service(code: "SV1", name: "Вклад", availableOnline: true), Service(code: "SV2", name: "Ипотека", availableOnline: false),
            Service(code: "SV3", name: "Сейф", availableOnline: nil),
        ])
    }

    @Test func refusesABadFlagWithItsLine() {
        do {
            _ = try ServiceCSV.parse("code,name,available_online\nSV1,Вклад,true\nSV2,Ипотека,maybe\n")
            Issue.record("a bad flag was accepted")
        } catch let error as OtklikError {
            #expect(error.field?.contains("line 3") == true)
        } catch {
            Issue.record("\(error)")
        }
    }
}
