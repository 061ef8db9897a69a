-- Cases without a unit and service requests (issue 20).
-- A complaint or grievance about the service itself may name no unit; its product line is the one given, else the
-- customer's most common one, else none (routed to the default owner). A service request (SERVICE: delivery service,
-- training, technical exchange, commissioning, 交付服务、培训、技术交流、调试, §7.1.1) carries its purpose instead of a
-- failure date and organises visits with the same travel approval, costs and report as a fault case.
alter table service_case drop constraint service_case_type_check;
alter table service_case add constraint service_case_type_check
    check (type in ('COMPLAINT', 'GRIEVANCE', 'CLAIM', 'RETURN_EXCHANGE', 'REPAIR', 'SERVICE'));
alter table service_case add column service_purpose text
    check (service_purpose in ('DELIVERY_SERVICE', 'TRAINING', 'TECHNICAL_EXCHANGE', 'COMMISSIONING'));
alter table service_case add constraint service_case_purpose_ck check ((type = 'SERVICE') = (service_purpose is not null));
alter table service_case alter column failure_date drop not null;
alter table service_case add constraint service_case_failure_date_ck check ((type = 'SERVICE') = (failure_date is null));
alter table service_case alter column product_line drop not null;
