-- Issue 22 (sec-b), notify's tables only.
-- Webhook credentials sealed at rest: the robot URL (its key=, access_token=, Feishu hook id) and the signing secret are
-- AES-GCM sealed by the application (url_sealed, secret_sealed); url keeps only the redacted form shown in views.
-- Endpoints saved before this migration keep their clear columns until the notice sender seals them (it needs the key,
-- which the database never sees).
alter table webhook_endpoint add column url_sealed text, add column secret_sealed text;

-- E-mail addresses users give in their preferences are used only once confirmed: a single-use code (its SHA-256 hash
-- kept here, valid 24 h) is mailed to the address and entered by the user. Addresses saved before this migration are
-- unconfirmed; the notice sender mails each its code.
alter table notification_preference add column email_verified_at timestamptz, add column email_token_hash text,
    add column email_token_expires_at timestamptz;

-- Recipients as they are when a notice is sent: with the Cognito directory the notice sender reads each e-mail
-- recipient's roles, customer and status again (at most aftersales.notices.directory-max-age old); a user the pool no
-- longer has, or has disabled, is inactive and gets nothing.
alter table notification_preference add column directory_active boolean not null default true,
    add column directory_checked_at timestamptz;
