import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// A segment as a slice over HTTP (issue 18 item 7): records written through the API (the engine takes them as the
/// writer hands them over, each with the customer its contact resolved to), the metrics API's `segment` and
/// `by=segment`, its refusals naming the field, and the dashboard's Segment filter — heading, form, figures, the
/// withheld case, and a location manager's slice of their own location.
@Suite struct SegmentSliceHTTPTests {
    static let definitions = """
        {"segments": [
         {"code": "complainers", "name_ru": "Жаловались", "name_en": "Complained", "rules": [{"attribute": "complaints", "op": "gte", "value": 1}]},
         {"code": "tiny", "name_ru": "Очень много покупок", "name_en": "Very many purchases", "rules": [{"attribute": "purchases", "op": "gte", "value": 1000}]}
        ]}
        """

    /// 40 complainants, each known only by a phone, with NPS i % 11 (i = 0..<40), 30 of them at L01 and 10 at L02; and 20
    /// satisfied customers (NPS 10, no complaint) who are in no segment.
    static func items() -> String {
        let now = Date().addingTimeInterval(-3_600)
        var items: [String] = []
        for i in 0..<40 {
            let ts = ISO8601DateFormatter().string(from: now.addingTimeInterval(-Double(i) * 60))
            items.append(#"{"id": "c\#(i)", "ts": "\#(ts)", "channel": "web", "kind": "complaint", "location": "\#(i < 30 ? "L01" : "L02")", "nps": \#(i % 11), "comment": "долго ждал", "contact": "+7900100\#(String(format: "%04d", i))"}"#)
        }
        for i in 0..<20 {
            let ts = ISO8601DateFormatter().string(from: now.addingTimeInterval(-Double(i) * 60))
            items.append(#"{"id": "h\#(i)", "ts": "\#(ts)", "channel": "web", "kind": "informative", "location": "L01", "nps": 10, "customer": "H\#(i)"}"#)
        }
        return #"{"items": [\#(items.joined(separator: ","))]}"#
    }

    @Test func metricsAndDashboardBySegment() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: Self.items())) { response in
                #expect(response.status == .created, "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/segments", method: .put, headers: test.auth, body: ByteBuffer(string: Self.definitions)) {
                #expect($0.status == .ok, "\($0.text)")
            }
            // The independent count: NPS i % 11 for i < 40 — promoters 9, 10 (i % 11 ∈ {9, 10}), detractors 0-6.
            let scores = (0..<40).map { $0 % 11 }
            let promoters = scores.filter { $0 >= 9 }.count, detractors = scores.filter { $0 <= 6 }.count
            let expected = 100 * Double(promoters - detractors) / 40
            try await client.execute(uri: "/api/v1/metrics?metric=nps&segment=complainers", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok, "\(response.text)")
                let overall = response.json["overall"] as? [String: Any] ?? [:]
                #expect(overall["n"] as? Int == 40, "only the complainants' records, linked by their phones: \(overall)")
                #expect(abs((overall["value"] as? Double ?? .nan) - expected) < 1e-9)
                let segment = response.json["segment"] as? [String: Any] ?? [:]
                #expect(segment["code"] as? String == "complainers" && segment["customers"] as? Int == 40 && segment["shown"] as? Bool == true)
                #expect(segment["members_as_of"] is String && segment["minimum_size"] as? Int == 30)
                #expect(response.json["target"] == nil)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps&segment=tiny", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect((response.json["overall"] as? [String: Any])?["value"] is NSNull)
                #expect((response.json["segment"] as? [String: Any])?["withheld"] as? String == "too few customers to show figures: 0 < 30")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps&by=segment", method: .get, headers: test.auth) { response in
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.count == 1 && (groups.first?["key"] as? [String: String]) == ["segment": "complainers"] && groups.first?["n"] as? Int == 40)
                let suppressed = response.json["suppressed"] as? [[String: Any]] ?? []
                #expect(suppressed.count == 1 && (suppressed.first?["key"] as? [String: String]) == ["segment": "tiny"], "\(response.text)")
                #expect((response.json["overall"] as? [String: Any])?["n"] as? Int == 60)
            }
            for (uri, field) in [
                ("/api/v1/metrics?metric=nps&segment=nope", "segment"), ("/api/v1/metrics?metric=sl&segment=complainers", "segment"),
                ("/api/v1/metrics?metric=nps&segment=complainers&by=segment", "by"), ("/api/v1/metrics?metric=nps&by=segment,location,month", "by"),
            ] {
                try await client.execute(uri: uri, method: .get, headers: test.auth) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(uri): \(response.text)")
                }
            }

            // The dashboard: the heading names the slice, the drop-down keeps it, the figures are the segment's.
            let cookie = try #require(try await DashboardTests.login(client))
            for (lang, heading, line) in [("en", "Dashboard · Segment: Complained", "Customers in the segment: 40, as of"),
                                          ("ru", "Сегмент: Жаловались", "Клиентов в сегменте: 40 на")] {
                try await client.execute(uri: "/?segment=complainers&lang=\(lang)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    #expect(html.contains(heading) && html.contains(line), "\(lang)")
                    #expect(html.contains("<option value=\"complainers\" selected>"), "the form keeps the segment")
                    #expect(html.contains("n = 40") && !html.contains("n = 60"), "the cards count the segment's 40 answers, not all 60")
                    #expect(html.contains("segment=complainers"), "links keep the segment")
                }
            }
            try await client.execute(uri: "/?segment=tiny&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"segment-withheld\"") && response.text.contains("0 &lt; 30") && !response.text.contains("n = "))
            }
            try await client.execute(uri: "/?segment=nope&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("Unknown segment"))
            }

            // A location manager at L02: 10 complainants left a record there — under 30, withheld. At L01 (30): shown,
            // the figure of their L01 records only.
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "lena", passwordHash: hash, role: .locationManager, scope: .locations(["L02"]))
            try await test.app.database.access.createUser(username: "olga", passwordHash: hash, role: .locationManager, scope: .locations(["L01"]))
            let lena = try #require(try await NotificationPageTests.login(client, user: "lena"))
            try await client.execute(uri: "/?segment=complainers&lang=en", method: .get, headers: [.cookie: lena]) { response in
                #expect(response.status == .ok && response.text.contains("10 &lt; 30") && response.text.contains("10 of them left a record at your locations"))
            }
            let olga = try #require(try await NotificationPageTests.login(client, user: "olga"))
            try await client.execute(uri: "/?segment=complainers&lang=en", method: .get, headers: [.cookie: olga]) { response in
                #expect(response.status == .ok && response.text.contains("n = 30") && !response.text.contains("n = 40"), "L01's 30 records of the segment")
            }
        }
    }
}
