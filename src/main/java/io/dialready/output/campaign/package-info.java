/** Campaign files: the texts and links of the WhatsApp and SMS opt-in campaign files. */
package io.dialready.output.campaign;
