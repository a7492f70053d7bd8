-- dialready: Brazil's four time-zone codes for VICIdial's owner-time-zone-code lookup (run once per VICIdial
-- database, and again after ADMIN_area_code_populate.pl reloads vicidial_phone_codes). See docs/outputs.md,
-- "VICIdial time zones for Brazil". Table: extras/MySQL_AST_CREATE_tables.sql lines 1244-1255 (svn r3884).
--
-- The loaders look the lead's owner up as tz_code for its phone_code (www/vicidial/functions.php lookup_gmt()
-- lines 617-645; bin/VICIDIAL_IN_new_leads_file.pl lines 2482-2514), and the nightly
-- ADMIN_adjust_GMTnow_on_leads.pl --list-settings does the same for lists set to OWNER_TIME_ZONE_CODE (lines
-- 1040-1200). The areacode values match no phone number, so the nightly area-code pass leaves these rows alone.

-- Brazil has had no daylight saving time since 2019 (Decreto 9.772/2019): VICIdial's old Brazilian scheme
-- (TSO-LSF) must not move any Brazilian lead an hour in summer.
UPDATE vicidial_phone_codes SET DST='N', DST_range='' WHERE country_code=55;

DELETE FROM vicidial_phone_codes WHERE country_code=55 AND tz_code IN ('FNT','BRT','AMT','ACT') AND areacode IN ('FNT','BRT','AMT','ACT');

INSERT INTO vicidial_phone_codes (country_code,country,areacode,state,GMT_offset,DST,DST_range,geographic_description,tz_code,php_tz) VALUES
(55,'BRA','FNT','PE','-2.00','N','','Fernando de Noronha, UTC-2 (dialready)','FNT','America/Noronha'),
(55,'BRA','BRT','','-3.00','N','','Brasilia time, UTC-3 (dialready)','BRT','America/Sao_Paulo'),
(55,'BRA','AMT','','-4.00','N','','Amazon time, UTC-4 (dialready)','AMT','America/Manaus'),
(55,'BRA','ACT','AC','-5.00','N','','Acre time, UTC-5 (dialready)','ACT','America/Rio_Branco');
