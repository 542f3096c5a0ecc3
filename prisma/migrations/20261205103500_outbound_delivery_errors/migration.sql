-- Delivery errors used to quote the receiver's answer ("HTTP 500: <its first 120 characters>"), and
-- the delivery events carried them to every screen, the bridge's event list and the record export.
-- Keep only the status line, and take the error out of the stored events (screens now get it from
-- the deliveries, for leads and admins only).
UPDATE "AnnouncementDelivery"
SET "lastError" = substring("lastError" from '^HTTP [0-9]{3}')
WHERE "lastError" ~ '^HTTP [0-9]{3}';

UPDATE "TimelineEvent"
SET "payload" = "payload" #- '{delivery,lastError}'
WHERE "type" = 'announcement.delivery' AND "payload" -> 'delivery' ? 'lastError';
