import Foundation
import OtklikCore
import Testing

/// The message, survey and webhook actions in a programme's definition: read and written back unchanged, with their
/// default channels; a definition of the older shape (a call-back) reads as before; a wrong template or survey code is
/// refused naming its field.
@Suite struct ProgrammeActionDefinitionTests {
    static func definition(_ action: String) -> String {
        #"{"code": "a", "name": "x", "trigger": "detractor_answer", "action": \#(action), "outcome": "nps"}"#
    }

    static let message = #"""
        {"kind": "message", "within_hours": 48, "channels": ["sms", "email"],
         "template": {"ru": {"subject": "Мы решили вопрос", "body": "Здравствуйте! Ваше обращение решено."},
                      "en": {"subject": "Sorted", "body": "Hello! Your complaint is resolved."}}}
        """#

    @Test func aMessageActionIsReadAndWrittenBackUnchanged() throws {
        let programme = try ProgrammeDefinition.parse(Data(Self.definition(Self.message).utf8))
        #expect(programme.action.kind == .message && programme.action.withinHours == 48 && programme.action.channels == ["sms", "email"])
        #expect(programme.action.template?.text("en") == .init(subject: "Sorted", body: "Hello! Your complaint is resolved."))
        #expect(programme.action.template?.text("ru").subject == "Мы решили вопрос")
        #expect(programme.action.template?.text("de").subject == "Мы решили вопрос", "another language falls back to Russian")
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(programme)) == programme)
    }

    @Test func surveyAndWebhookActionsTakeTheirDefaults() throws {
        let survey = try ProgrammeDefinition.parse(Data(Self.definition(#"{"kind": "survey", "survey": "csat"}"#).utf8))
        #expect(survey.action == ProgrammeAction(kind: .survey, withinHours: 24, channels: ["email", "sms"], survey: "csat"))
        #expect(try ProgrammeDefinition.parse(ProgrammeDefinition.json(survey)) == survey)
        let webhook = try ProgrammeDefinition.parse(Data(Self.definition(#"{"kind": "webhook"}"#).utf8))
        #expect(webhook.action.channels == ["phone"] && webhook.action.template == nil && webhook.action.survey == nil)
        // The stored shape of a call-back programme before these kinds existed reads to the same action.
        let callback = try ProgrammeDefinition.parse(Data(Self.definition(#"{"kind": "callback", "within_hours": 24, "channels": ["phone"]}"#).utf8))
        #expect(callback.action == ProgrammeAction(kind: .callback))
        #expect(!String(decoding: ProgrammeDefinition.json(callback), as: UTF8.self).contains("template"))
    }

    @Test(arguments: [
        (#"{"kind": "message"}"#, "action.template"),
        (#"{"kind": "message", "template": {"ru": {"subject": "s", "body": "b"}}}"#, "action.template.en"),
        (#"{"kind": "message", "template": {"ru": {"subject": "s", "body": "b"}, "en": {"subject": "s", "body": ""}}}"#, "action.template.en.body"),
        (#"{"kind": "message", "template": {"ru": {"subject": "", "body": "b"}, "en": {"subject": "s", "body": "b"}}}"#, "action.template.ru.subject"),
        (#"{"kind": "message", "template": {"ru": {"subject": "s", "body": "b"}, "en": {"subject": "s", "body": "b"}, "de": {}}}"#, "action.template.de"),
        (#"{"kind": "survey"}"#, "action.survey"),
        (#"{"kind": "survey", "survey": 7}"#, "action.survey"),
        (#"{"kind": "callback", "survey": "csat"}"#, "action.survey"),
        (#"{"kind": "webhook", "template": {}}"#, "action.template"),
        (#"{"kind": "callback", "script": "x"}"#, "action.script"),
    ])
    func aWrongActionNamesItsField(action: String, field: String) {
        do {
            _ = try ProgrammeDefinition.parse(Data(Self.definition(action).utf8))
            Issue.record("accepted: \(action)")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.field == field, "\(error)")
        }
    }
}
