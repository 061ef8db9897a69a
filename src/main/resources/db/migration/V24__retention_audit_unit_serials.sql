-- Issue 19 (ifm). The retention job audited a unit's anonymisation under the unit's internal id; every other audit
-- entry of a unit is under its serial number (what GET /api/v1/audit?entity=unit&id=<serial> looks up). Earlier
-- entries move to the serial.
update audit_log a set entity_id = u.serial_no
from unit u
where a.entity_type = 'unit' and a.action = 'ANONYMISE' and a.entity_id = cast(u.id as text);
