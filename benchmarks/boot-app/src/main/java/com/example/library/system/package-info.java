/** Welcome page, locale switching and an error page trigger. */
package com.example.library.system;
