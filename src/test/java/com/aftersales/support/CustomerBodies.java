package com.aftersales.support;

/** Bodies of the customer endpoints. */
public final class CustomerBodies {

    private CustomerBodies() {
    }

    /** A customer of type OEM named after its code ("测试客户" + code), without contacts. */
    public static Customer customer(String code) {
        return new Customer().set("code", code).set("name", "测试客户" + code).set("type", "OEM");
    }

    /** A contact person with a name only. */
    public static Contact contact(String name) {
        return new Contact().set("name", name);
    }

    public static final class Customer extends JsonBody<Customer> {

        public Customer name(String name) {
            return set("name", name);
        }

        /** OEM, FLEET, DEALER, … */
        public Customer type(String type) {
            return set("type", type);
        }

        public Customer contact(Contact contact) {
            return add("contacts", contact);
        }

        /** An empty contact list (sent as []), as a client clearing them does. */
        public Customer noContacts() {
            return set("contacts", java.util.List.of());
        }
    }

    public static final class Contact extends JsonBody<Contact> {

        public Contact phone(String phone) {
            return set("phone", phone);
        }

        public Contact email(String email) {
            return set("email", email);
        }

        /** Whether the contact gets the moves of the customer's cases by e-mail too. */
        public Contact caseUpdates(boolean caseUpdates) {
            return set("caseUpdates", caseUpdates);
        }

        /** zh-CN or en: the language of the e-mails this contact gets. */
        public Contact language(String language) {
            return set("language", language);
        }
    }
}
