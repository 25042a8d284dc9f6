/** Branches and the librarians who work there (read-mostly, cached, also served as JSON). */
package com.example.library.staff;
