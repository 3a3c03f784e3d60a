import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import OtklikServer

/// The fast path's rules one by one: each accepted shape equals `JSONDecoder`'s result field by field, each refused
/// one is nil (the controller then decodes with `JSONDecoder`, whose error or value stands).
@Suite struct FeedbackBatchFastDecoderTests {
    /// An item's fields as bytes and numbers, so that two decodings compare exactly (String's `==` is canonical
    /// equivalence, which would hide a difference in code points).
    struct Fields: Equatable, CustomStringConvertible {
        var values: [[UInt8]?]
        var numbers: [Int?]
        var reasons: [[UInt8]]?
        var analysed: Bool

        init(_ item: FeedbackJSON) {
            values = [item.id, item.ts, item.channel, item.kind, item.location, item.staff, item.service, item.device, item.customer,
                      item.interaction, item.button, item.comment, item.contact, item.lang].map { $0.map { Array($0.utf8) } }
            numbers = [item.nps, item.csat, item.ces]
            reasons = item.reasons.map { $0.map { Array($0.utf8) } }
            analysed = item.analysis != nil
        }

        var description: String {
            "\(values.map { $0.map { String(decoding: $0, as: UTF8.self) } ?? "nil" }) \(numbers) \(String(describing: reasons))"
        }
    }

    static func fast(_ body: [UInt8]) -> [Fields]? { FeedbackBatchFastDecoder.decode(body)?.map(Fields.init) }
    static func fast(_ body: String) -> [Fields]? { fast(Array(body.utf8)) }
    static func reference(_ body: [UInt8]) -> [Fields]? {
        (try? APICoding.decoder.decode(FeedbackBatchJSON.self, from: Data(body)))?.items.map(Fields.init)
    }
    static func reference(_ body: String) -> [Fields]? { reference(Array(body.utf8)) }

    /// Taken by the fast path and equal to JSONDecoder's result.
    static func accepted(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) -> [FeedbackJSON] {
        let fast = FeedbackBatchFastDecoder.decode(Array(body.utf8))
        #expect(fast != nil, "fast path refused \(body)", sourceLocation: sourceLocation)
        let reference = Self.reference(body)
        #expect(reference != nil, "JSONDecoder refused \(body)", sourceLocation: sourceLocation)
        #expect(fast?.map(Fields.init) == reference, sourceLocation: sourceLocation)
        return fast ?? []
    }

    @Test func oneObjectWithEveryField() {
        let body = """
            {"id":"k-1","ts":"2026-03-02T09:15:00Z","channel":"terminal","kind":"complaint","location":"L01","staff":"S1",\
            "service":"SV","device":"D1","customer":"C1","interaction":"I1","nps":10,"csat":5,"ces":-7,"button":"negative",\
            "reasons":["wait","staff"],"comment":"Долго ждал 😡","contact":"+7 900 000-00-00","lang":"ru"}
            """
        let items = Self.accepted(body)
        #expect(items.count == 1)
        let item = items[0]
        #expect(item.id == "k-1" && item.channel == "terminal" && item.ts == "2026-03-02T09:15:00Z" && item.kind == "complaint")
        #expect(item.location == "L01" && item.staff == "S1" && item.service == "SV" && item.device == "D1")
        #expect(item.customer == "C1" && item.interaction == "I1" && item.button == "negative" && item.lang == "ru")
        #expect(item.nps == 10 && item.csat == 5 && item.ces == -7)
        #expect(item.reasons == ["wait", "staff"] && item.comment == "Долго ждал 😡" && item.contact == "+7 900 000-00-00")
    }

    @Test func batchWithWhitespaceEverywhere() {
        let body = " \n\t{ \"items\" :\r\n [ { \"id\" : \"a\" , \"channel\" : \"button\" , \"button\" : \"positive\" } ,\n\t{\"id\":\"b\",\"channel\":\"chat\",\"nps\" : 0 } ] } \n "
        let items = Self.accepted(body)
        #expect(items.map(\.id) == ["a", "b"])
        #expect(items[1].nps == 0)
    }

    @Test func escapesAndSurrogatePairs() {
        let body = #"{"id":"e","channel":"chat","comment":"a\"b\\c\/d\b\f\n\r\t\u0041\u0436\ud83d\ude00\u0000 ok"}"#
        #expect(Self.accepted(body).first?.comment == "a\"b\\c/d\u{8}\u{C}\n\r\tAж😀\u{0} ok")
        #expect(Self.accepted(#"{"id":"\u0438\u0434","channel":"chat"}"#).first?.id == "ид")
    }

    @Test func nullsAreAbsentValues() {
        let optional = ["ts", "kind", "location", "staff", "service", "device", "customer", "interaction", "nps", "csat", "ces",
                        "button", "reasons", "comment", "contact", "lang"]
        let body = "{\"id\":\"n\",\"channel\":\"chat\"," + optional.map { "\"\($0)\":null" }.joined(separator: ",") + "}"
        let item = Self.accepted(body)[0]
        #expect(Fields(item) == Fields(FeedbackJSON(id: "n", channel: "chat")))
    }

    @Test func unknownKeysAreSkipped() {
        let body = """
            {"items":[{"id":"u","x":{"a":[1,-2.5e3,0.0,1E+2,true,false,null,"s\\u00e9",{}],"b":{"c":[]},"a":2},"channel":"chat",\
            "items":[1],"y":"z"}],"meta":{"source":"pos","n":123456789012345678901234567890},"id":"top"}
            """
        let items = Self.accepted(body)
        #expect(items.map(\.id) == ["u"])
    }

    @Test func emptyBatchAndReasons() {
        #expect(Self.accepted(#"{"items":[]}"#).isEmpty)
        #expect(Self.accepted(#"{"id":"r","channel":"chat","reasons":[]}"#)[0].reasons == [])
        #expect(Self.accepted(#"{"id":"r","channel":"chat","reasons":[ "a" , "b" ]}"#)[0].reasons == ["a", "b"])
    }

    @Test func integersAtTheEdgesOfInt() {
        #expect(Self.accepted(#"{"id":"i","channel":"chat","nps":9223372036854775807}"#)[0].nps == Int.max)
        #expect(Self.accepted(#"{"id":"i","channel":"chat","nps":-9223372036854775808}"#)[0].nps == Int.min)
        #expect(Self.accepted(#"{"id":"i","channel":"chat","csat":-3}"#)[0].csat == -3)
    }

    /// Each of these is nil on the fast path; whatever JSONDecoder makes of it stands.
    @Test(arguments: [
        // shape
        #"[{"id":"a","channel":"chat"}]"#, #""text""#, "17", "null", "{", "{}", #"{"id":"a","channel":"chat"} x"#,
        #"{"id":"a","channel":"chat"}{}"#, "\u{FEFF}{\"id\":\"a\",\"channel\":\"chat\"}", #"{"id":"a","channel":"chat",}"#,
        #"{"id":"a" "channel":"chat"}"#, #"{"id":"a","channel":"chat""#,
        // analysis, duplicates, escaped keys
        #"{"id":"a","channel":"chat","analysis":null}"#, #"{"items":[{"id":"a","channel":"chat","analysis":{}}]}"#,
        #"{"id":"a","id":"b","channel":"chat"}"#, #"{"id":"a","channel":"chat","x":1,"x":2}"#,
        #"{"items":[],"items":[]}"#, #"{"i\u0064":"a","channel":"chat"}"#,
        // required fields
        #"{"channel":"chat"}"#, #"{"id":"a"}"#, #"{"id":5,"channel":"chat"}"#, #"{"id":null,"channel":"chat"}"#,
        #"{"items":[{"id":"a"}]}"#,
        // numbers
        #"{"id":"a","channel":"chat","nps":1.5}"#, #"{"id":"a","channel":"chat","nps":1e2}"#, #"{"id":"a","channel":"chat","nps":1E2}"#,
        #"{"id":"a","channel":"chat","nps":10.0}"#, #"{"id":"a","channel":"chat","nps":-0}"#, #"{"id":"a","channel":"chat","nps":01}"#,
        #"{"id":"a","channel":"chat","nps":9223372036854775808}"#, #"{"id":"a","channel":"chat","nps":-9223372036854775809}"#,
        #"{"id":"a","channel":"chat","nps":"5"}"#, #"{"id":"a","channel":"chat","nps":true}"#, #"{"id":"a","channel":"chat","nps":-}"#,
        #"{"id":"a","channel":"chat","comment":5}"#,
        // reasons
        #"{"id":"a","channel":"chat","reasons":["a",1]}"#, #"{"id":"a","channel":"chat","reasons":["a",null]}"#,
        #"{"id":"a","channel":"chat","reasons":"a"}"#, #"{"id":"a","channel":"chat","reasons":["a",]}"#,
        // strings
        "{\"id\":\"a\tb\",\"channel\":\"chat\"}", #"{"id":"a\x","channel":"chat"}"#, #"{"id":"\ud800","channel":"chat"}"#,
        #"{"id":"\udc00","channel":"chat"}"#, #"{"id":"\ud800\u0041","channel":"chat"}"#, #"{"id":"\u00g0","channel":"chat"}"#,
        #"{"id":"\u00","channel":"chat"}"#,
        // unknown values that are not valid JSON
        #"{"id":"a","channel":"chat","x":[1,]}"#, #"{"id":"a","channel":"chat","x":01}"#, #"{"id":"a","channel":"chat","x":tru}"#,
        #"{"id":"a","channel":"chat","x":"\x"}"#, #"{"id":"a","channel":"chat","x":1.}"#, #"{"id":"a","channel":"chat","x":1e}"#,
        #"{"id":"a","channel":"chat","x":{"k"}}"#, #"{"id":"a","channel":"chat","x":.5}"#, #"{"id":"a","channel":"chat","x":NaN}"#,
        // items
        #"{"items":null}"#, #"{"items":{}}"#, #"{"items":[1]}"#, #"{"items":[{"id":"a","channel":"chat"},]}"#,
    ])
    func refused(_ body: String) {
        #expect(Self.fast(body) == nil)
    }

    @Test func deepUnknownValuesAreRefused() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(Self.fast(#"{"id":"a","channel":"chat","x":"# + deep + "}") == nil)
        let shallow = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        _ = Self.accepted(#"{"id":"a","channel":"chat","x":"# + shallow + "}")
    }

    @Test(arguments: [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]])
    func invalidUTF8IsRefused(_ bad: [UInt8]) {
        for template in [#"{"id":"a#, #"{"id":"a","channel":"chat","x":"#, #"{"id":"a","channel":"chat","#] {
            let close: [UInt8] = template.hasSuffix("a") ? Array(#"","channel":"chat"}"#.utf8)
                : template.hasSuffix(":\"") ? Array(#""}"#.utf8) : Array(#"":1}"#.utf8)
            let body = Array(template.utf8) + bad + close
            #expect(Self.fast(body) == nil)
            #expect(Self.reference(body) == nil)
        }
    }

    /// The fast path's refusals reach JSONDecoder: an escaped key (valid JSON) is stored; a fraction and a wrong type
    /// are the decoder's errors (the wrong type naming its field), an unknown channel the item's, as before.
    @Test func controllerFallsBackToJSONDecoder() async throws {
        try await TestApp.withRouter { test, client in
            let escaped = #"{"i\u0064":"fb-1","channel":"chat","nps":9}"#
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: escaped)) {
                #expect($0.status == .created)
                #expect($0.json["inserted"] as? [String] == ["fb-1"])
            }
            let fraction = #"{"items":[{"id":"fb-2","channel":"chat","nps":9.5}]}"#
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: fraction)) {
                #expect($0.status == .badRequest)
                #expect($0.errorCode == "invalid_input")
                #expect(((($0.json["error"] as? [String: Any])?["message"] as? String) ?? "").hasPrefix("malformed JSON"))
                #expect($0.errorField == "items[0].nps", "a fraction names its field as a wrong type does")
                #expect(((($0.json["error"] as? [String: Any])?["message"] as? String) ?? "").contains("9.5"))
            }
            // Two numbers that do not fit: one of them is named (the one whose change let the body through).
            let two = #"{"items":[{"id":"fb-2","channel":"chat","nps":9},{"id":"fb-5","channel":"chat","csat":4,"ces":2.5,"nps":1e30}]}"#
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: two)) {
                #expect($0.status == .badRequest)
                #expect(["items[1].ces", "items[1].nps"].contains($0.errorField ?? ""), "\($0.errorField ?? "no field")")
            }
            let wrongType = #"{"items":[{"id":"fb-2","channel":"chat","nps":"9"}]}"#
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: wrongType)) {
                #expect($0.status == .badRequest)
                #expect($0.errorField == "items[0].nps")
            }
            let fast = #"{"items":[{"id":"fb-3","channel":"chat","nps":9}, {"id":"fb-4","channel":"pigeon"}]}"#
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: fast)) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[1].channel")
            }
            #expect(try await test.app.database.feedback.count() == 1)
        }
    }
}
