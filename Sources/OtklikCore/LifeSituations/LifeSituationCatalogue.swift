import Foundation

/// The default catalogue: the groups of life situations seed 000 lists (from the services portals it surveys —
/// Norway's the broadest): starting a family, the birth of a child, residence formalities (moving), health, running a
/// business, losing a job and retirement (two situations here: their signals and services differ), owning a vehicle,
/// travel, education and youth, COVID-19, the death of a loved one. The signal and service codes are generic; an
/// organisation maps them to its own codes by importing its catalogue (`otklik situations import`).
public enum LifeSituationCatalogue {
    static func topics(_ codes: [String]) -> [LifeSituationSignal] { codes.map { LifeSituationSignal(kind: .interactionTopic, code: $0) } }
    static func requests(_ codes: [String]) -> [LifeSituationSignal] { codes.map { LifeSituationSignal(kind: .serviceRequest, code: $0) } }
    static func purchases(_ codes: [String]) -> [LifeSituationSignal] { codes.map { LifeSituationSignal(kind: .transaction, code: $0) } }

    public static let defaults: [LifeSituation] = [
        LifeSituation(
            code: "family", nameRu: "Создание семьи", nameEn: "Starting a family", windowDays: 90, minSignals: 2,
            signals: requests(["marriage_registration", "name_change"]) + topics(["marriage", "new_documents_after_name_change", "joint_account"]),
            services: ["marriage_registration", "name_change", "passport_replacement"]),
        LifeSituation(
            code: "birth", nameRu: "Рождение ребёнка", nameEn: "Birth of a child", windowDays: 120, minSignals: 2,
            signals: requests(["birth_registration", "child_benefit", "maternity_capital"]) + topics(["maternity_leave", "child_benefit", "birth_certificate"])
                + purchases(["baby_goods"]),
            services: ["birth_registration", "child_benefit", "maternity_capital", "kindergarten_queue"]),
        LifeSituation(
            code: "moving", nameRu: "Переезд и регистрация по месту жительства", nameEn: "Moving home", windowDays: 90, minSignals: 2,
            signals: requests(["address_change", "residence_registration"]) + topics(["address_change", "utilities_contract", "family_doctor_change"])
                + purchases(["removals"]),
            services: ["residence_registration", "address_change", "utilities_contract", "family_doctor_change"]),
        LifeSituation(
            code: "health", nameRu: "Здоровье", nameEn: "Health", windowDays: 60, minSignals: 2,
            signals: requests(["medical_policy", "sick_leave"]) + topics(["sick_leave", "medical_insurance", "disability"]),
            services: ["medical_policy", "sick_leave", "disability_assessment"]),
        LifeSituation(
            code: "business", nameRu: "Открытие и ведение бизнеса", nameEn: "Starting a business", windowDays: 120, minSignals: 2,
            signals: requests(["business_registration", "business_account", "tax_registration"]) + topics(["business_registration", "hiring_staff", "business_tax"]),
            services: ["business_registration", "tax_registration", "business_account", "employer_registration"]),
        LifeSituation(
            code: "job_loss", nameRu: "Потеря работы", nameEn: "Losing a job", windowDays: 60, minSignals: 2,
            signals: requests(["unemployment_registration", "unemployment_benefit"]) + topics(["job_loss", "unemployment_benefit", "loan_holiday"]),
            services: ["unemployment_registration", "unemployment_benefit", "retraining"]),
        LifeSituation(
            code: "retirement", nameRu: "Выход на пенсию", nameEn: "Retirement", windowDays: 180, minSignals: 2,
            signals: requests(["pension_application", "pension_transfer"]) + topics(["pension", "pension_calculation", "retirement"]),
            services: ["pension_application", "pension_transfer", "pensioner_benefits"]),
        LifeSituation(
            code: "vehicle", nameRu: "Владельцу транспортного средства", nameEn: "Owning a vehicle", windowDays: 90, minSignals: 2,
            signals: requests(["vehicle_registration", "driving_licence"]) + topics(["car_purchase", "vehicle_insurance", "driving_licence"])
                + purchases(["car_loan"]),
            services: ["vehicle_registration", "driving_licence", "vehicle_insurance"]),
        LifeSituation(
            code: "travel", nameRu: "Путешествия", nameEn: "Travelling abroad", windowDays: 60, minSignals: 2,
            signals: requests(["foreign_passport", "visa"]) + topics(["foreign_passport", "visa", "travel_insurance"]) + purchases(["currency_exchange"]),
            services: ["foreign_passport", "visa", "travel_insurance"]),
        LifeSituation(
            code: "education", nameRu: "Образование и молодёжь", nameEn: "Education and youth", windowDays: 120, minSignals: 2,
            signals: requests(["school_enrolment", "kindergarten_queue", "university_application"]) + topics(["school_enrolment", "education_loan", "student_card"]),
            services: ["kindergarten_queue", "school_enrolment", "university_application", "education_loan"]),
        LifeSituation(
            code: "covid", nameRu: "COVID-19", nameEn: "COVID-19", windowDays: 30, minSignals: 2,
            signals: requests(["covid_test", "vaccination_certificate"]) + topics(["covid_test", "vaccination", "self_isolation"]),
            services: ["covid_test", "vaccination", "vaccination_certificate"]),
        LifeSituation(
            code: "bereavement", nameRu: "Смерть близкого человека", nameEn: "Death of a loved one", windowDays: 120, minSignals: 2,
            signals: requests(["death_registration", "inheritance"]) + topics(["funeral", "inheritance", "survivor_pension"]),
            services: ["death_registration", "funeral_benefit", "inheritance", "survivor_pension"]),
    ]
}
