import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 15 item 22: a body over a route's limit is a 413 with the error JSON, never a 500, on every surface.
@Suite struct BodyLimitTests {
    @Test func oversizedBodiesAre413Everywhere() async throws {
        try await TestApp.withRouter { test, client in
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 9 * 1024 * 1024)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let json: HTTPFields = [.contentType: "application/json"]
            let targets: [(String, HTTPFields)] = [
                ("/login", form), ("/public/v1/feedback", json), ("/api/v1/feedback", test.auth),
            ]
            for (uri, headers) in targets {
                try await client.execute(uri: uri, method: .post, headers: headers, body: huge) {
                    #expect($0.status == .contentTooLarge, "\(uri)")
                    if uri == "/login" {
                        #expect($0.text.contains("<!doctype html>"), "a browser's form gets a page, in its language")
                    } else {
                        #expect($0.errorCode == "payload_too_large", "\(uri)")
                    }
                }
            }
            // A login form just over its own 16 KB limit.
            try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 20_000)) {
                #expect($0.status == .contentTooLarge)
            }
        }
    }
}
