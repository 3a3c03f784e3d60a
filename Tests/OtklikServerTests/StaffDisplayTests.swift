import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

@testable import OtklikServer

/// The loyalty display's staff view (issue 23): only a display paired with a live `staff_display` key of the same
/// location sees the location's open red-press alerts — no key, another location's key, a console's key or a revoked
/// key sees none; the public display never shows them; an acknowledged alert leaves the screen.
@Suite struct StaffDisplayTests {
    static func press(_ client: any TestClientProtocol, console: String) async throws {
        let headers: HTTPFields = [.authorization: "Bearer \(console)", .contentType: "application/json"]
        try await client.execute(
            uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(ButtonConsoleTests.batch([(1, 1, "negative")]))
        ) { #expect($0.status == .created) }
    }

    static func alerts(_ client: any TestClientProtocol, _ location: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, [[String: Any]]) {
        try await client.execute(uri: "/public/v1/display/\(location)/alerts?lang=en", method: .get, headers: headers) { response in
            (response.status, response.json["items"] as? [[String: Any]] ?? [])
        }
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func onlyALiveStaffScreenOfTheSameLocationSeesTheAlerts() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.playbooks.replaceAll([
                Playbook(event: "negative_press", titleRu: "Клиент нажал красную кнопку", titleEn: "The customer pressed the red button",
                         tasks: ["Let them speak"], phrases: ["I am sorry this happened"]),
            ])
            let devices = test.app.database.devices
            let console = try await devices.register(Device(code: "BTN-D", kind: .buttonConsole, location: "L01", staff: "S01"))
            let screen = try await devices.register(Device(code: "SCREEN-1", kind: .staffDisplay, location: "L01"))
            let otherScreen = try await devices.register(Device(code: "SCREEN-2", kind: .staffDisplay, location: "L02"))
            try await Self.press(client, console: console)

            // No credential, another location's screen, a console's key, a made-up key: no alerts.
            #expect(try await Self.alerts(client, "L01").0 == .unauthorized)
            #expect(try await Self.alerts(client, "L01", headers: Self.bearer(otherScreen)).0 == .forbidden)
            #expect(try await Self.alerts(client, "L01", headers: Self.bearer(console)).0 == .forbidden)
            #expect(try await Self.alerts(client, "L01", headers: Self.bearer("otd_nope_nope")).0 == .unauthorized)
            let (l02Status, l02Items) = try await Self.alerts(client, "L02", headers: Self.bearer(otherScreen))
            #expect(l02Status == .ok && l02Items.isEmpty, "nothing of L01 reaches L02's screen")

            // The location's own screen: the alert with its time, staff member and playbook, and no contact.
            let (status, items) = try await Self.alerts(client, "L01", headers: Self.bearer(screen))
            #expect(status == .ok)
            let alert = try #require(items.first)
            #expect(items.count == 1 && alert["rating"] as? String == "Red button" && alert["staff"] as? String == "S01")
            #expect(alert["staff_name"] as? String != nil && (alert["time"] as? String)?.count == 5)
            #expect((alert["playbook"] as? [String: Any])?["phrases"] as? [String] == ["I am sorry this happened"])
            #expect(Set(alert.keys).isSubset(of: ["id", "opened_at", "time", "staff", "staff_name", "rating", "event", "playbook"]), "\(alert.keys)")

            // Pairing by the page sets an HttpOnly, same-site cookie; the paired display shows the alert, the public one not.
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/display/L01/pair", method: .post, headers: form, body: ByteBuffer(string: "key=\(otherScreen)")) {
                #expect($0.status == .forbidden && $0.headers[.setCookie] == nil)
            }
            let cookie = try await client.execute(uri: "/display/L01/pair", method: .post, headers: form, body: ByteBuffer(string: "key=\(screen)")) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/display/L01")
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
                return String(setCookie.split(separator: ";")[0])
            }
            try await client.execute(uri: "/display/L01?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("staff-alert-list") && response.text.contains("I am sorry this happened"))
            }
            #expect(try await Self.alerts(client, "L01", headers: [.cookie: cookie]).1.count == 1)
            try await client.execute(uri: "/display/L01?lang=en", method: .get) { response in
                #expect(response.status == .ok && !response.text.contains("staff-alert") && !response.text.contains("I am sorry this happened"))
            }
            // A cross-site pairing post is refused.
            var crossSite = form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/display/L01/pair", method: .post, headers: crossSite, body: ByteBuffer(string: "key=\(screen)")) {
                #expect($0.status == .forbidden && $0.headers[.setCookie] == nil)
            }

            // Acknowledged on /alerts (here through the API): the alert leaves the screen.
            let id = try #require(alert["id"] as? String)
            try await client.execute(uri: "/api/v1/alerts/\(id)/acknowledge", method: .post, headers: test.auth, body: jsonBody(["by": "S01"])) {
                #expect($0.status == .ok)
            }
            #expect(try await Self.alerts(client, "L01", headers: Self.bearer(screen)).1.isEmpty)

            // Revoked: the key and the cookie see nothing, and the display forgets the cookie.
            try await Self.press(client, console: try await devices.issueToken(code: "BTN-D", resetSequence: true))
            #expect(try await Self.alerts(client, "L01", headers: Self.bearer(screen)).1.count == 1)
            try await devices.revoke(code: "SCREEN-1")
            #expect(try await Self.alerts(client, "L01", headers: Self.bearer(screen)).0 == .unauthorized)
            #expect(try await Self.alerts(client, "L01", headers: [.cookie: cookie]).0 == .unauthorized)
            try await client.execute(uri: "/display/L01?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("staff-alert-list"))
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
        }
    }
}
